/* The form's Chinese words and its two editors of our own: Markdown text and pictures.
   json-editor draws every other field from the JSON Schema the server sends. */
(function () {
  "use strict";
  const zh = {
    error_notset: "必须填写", error_notempty: "必须填写", error_enum: "请从列表中选择",
    error_type: "类型不对", error_minLength: "至少 {{0}} 个字", error_maxLength: "最多 {{0}} 个字",
    error_maxItems: "最多 {{0}} 项", error_minItems: "至少 {{0}} 项", error_uniqueItems: "不能重复",
    error_minimum_incl: "不能小于 {{0}}", error_maximum_incl: "不能大于 {{0}}", error_pattern: "格式不对",
    error_required: "缺少必填项“{{0}}”", error_additional_properties: "不能有“{{0}}”这一项", error_date: "日期格式应为 {{0}}",
    button_save: "保存", button_copy: "复制", button_cancel: "取消", button_add: "添加",
    button_delete_all: "全部", button_delete_all_title: "全部删除", button_delete_last: "最后一项",
    button_delete_last_title: "删除最后一项", button_add_row_title: "添加{{0}}", button_move_down_title: "下移",
    button_move_up_title: "上移", button_properties: "字段", button_object_properties: "字段",
    button_copy_row_title: "复制{{0}}", button_delete_row_title: "删除{{0}}", button_delete_row_title_short: "删除",
    button_copy_row_title_short: "复制", button_collapse: "收起", button_expand: "展开", button_edit_json: "编辑 JSON",
    button_upload: "上传", default_array_item_title: "项", button_delete_node_warning: "确定删除这一项吗？",
    table_controls: "操作", upload_max_size: "文件过大，上限 ", upload_wrong_file_format: "文件格式不对，可用：",
    choices_placeholder_text: "输入后添加", paste_max_length_reached: "粘贴的文字超过 {{0}} 字，多出的部分已截去。",
  };
  // json-editor strips whatever looks like HTML from the text it is given and reads its entities
  // (&amp; becomes &): an editor's text must reach the file as written. It is shown in form
  // fields as text, never as HTML, and check says at its field what it may not hold.
  JSONEditor.AbstractEditor.prototype.purify = value => value;
  JSONEditor.defaults.languages.zh = Object.assign({}, JSONEditor.defaults.languages.en, zh);
  JSONEditor.defaults.language = "zh";

  const make = (tag, props, ...children) => {
    const el = Object.assign(document.createElement(tag), props || {});
    for (const child of children) el.append(child);
    return el;
  };

  /* What the Markdown buttons insert: filled by the page with the form's link choices. */
  window.EditLinks = {groups: [], entry: () => ({kind: "", id: ""})};

  function insertAt(input, text) {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.selectionStart = input.selectionEnd = start + text.length;
    input.dispatchEvent(new Event("change"));
    input.focus();
  }

  /* A small dialog: choose one of the choices, get back (value, title). */
  function choose(label, choices) {
    return new Promise(resolve => {
      const select = make("select", {className: "choice"});
      for (const [value, title] of choices) select.append(make("option", {value, textContent: title}));
      const ok = make("button", {type: "submit", className: "primary", textContent: "插入"});
      const cancel = make("button", {type: "button", textContent: "取消"});
      const form = make("form", {method: "dialog"}, make("p", {textContent: label}), select, make("p", {}, ok, " ", cancel));
      const dialog = make("dialog", {}, form);
      document.body.append(dialog);
      cancel.onclick = () => { dialog.close(); dialog.remove(); resolve(null); };
      form.onsubmit = e => {
        e.preventDefault();
        const picked = choices.find(([value]) => String(value) === select.value);
        dialog.close(); dialog.remove(); resolve(picked || null);
      };
      dialog.showModal();
      select.focus();
    });
  }

  class MarkdownEditor extends JSONEditor.defaults.editors.string {
    postBuild() {
      super.postBuild();
      const tools = make("div", {className: "md-tools"});
      for (const group of window.EditLinks.groups) {
        const button = make("button", {type: "button", textContent: `插入${group.label}链接`, className: "md-link"});
        button.dataset.prefix = group.prefix;
        button.onclick = async () => {
          if (!group.choices) group.choices = (await window.EditGet(`/api/choices?kind=${encodeURIComponent(group.kind)}`)).choices;
          const picked = await choose(`选择要链接的${group.label}：`, group.choices);
          if (picked) insertAt(this.input, `[${picked[2] || picked[1]}](${group.prefix}:${picked[0]})`);
        };
        tools.append(button);
      }
      const picture = make("button", {type: "button", textContent: "插入图片", className: "md-picture"});
      const file = make("input", {type: "file", accept: "image/jpeg,image/png,image/webp,image/svg+xml", hidden: true});
      picture.onclick = () => file.click();
      file.onchange = async () => {
        if (!file.files.length) return;
        const sent = await window.EditUpload(file.files[0], this.container);
        if (sent) insertAt(this.input, `![请在这里写图片说明](${sent.path})`);
        file.value = "";
      };
      const show = make("button", {type: "button", textContent: "预览排版", className: "md-show"});
      const preview = make("div", {className: "md-preview", hidden: true});
      show.onclick = async () => {
        const answer = await window.EditPost("/api/markdown", {text: this.input.value});
        preview.innerHTML = answer.html || "";
        preview.hidden = false;
      };
      tools.append(picture, file, show);
      this.input.before(tools);
      this.input.after(preview);
    }
  }

  class PictureEditor extends JSONEditor.defaults.editors.string {
    postBuild() {
      super.postBuild();
      this.input.readOnly = true;
      this.input.classList.add("picture-path");
      this.thumb = make("img", {alt: "卡片上显示的缩略图", hidden: true});
      const file = make("input", {type: "file", accept: "image/jpeg,image/png,image/webp,image/svg+xml", className: "picture-file"});
      file.setAttribute("aria-label", `上传${this.getTitle()}`);
      file.onchange = async () => {
        if (!file.files.length) return;
        const sent = await window.EditUpload(file.files[0], this.container);
        if (sent) { this.setValue(sent.path); this.onChange(true); }
        file.value = "";
      };
      const clear = make("button", {type: "button", textContent: "去掉图片"});
      clear.onclick = () => { this.setValue(""); this.onChange(true); };
      this.input.after(make("div", {className: "picture"}, this.thumb, file, clear));
      this.showThumb();
    }

    setValue(value, initial, fromTemplate) {
      const out = super.setValue(value, initial, fromTemplate);
      this.showThumb();
      return out;
    }

    showThumb() {
      if (!this.thumb) return;
      const value = this.getValue();
      this.thumb.hidden = !value;
      if (value) this.thumb.src = `/api/thumbnail?path=${encodeURIComponent(value)}`;
    }
  }

  JSONEditor.defaults.editors.markdown = MarkdownEditor;
  JSONEditor.defaults.editors.picture = PictureEditor;
  JSONEditor.defaults.resolvers.unshift(schema => {
    const options = schema.options || {};
    if (schema.type === "string" && options.markdown) return "markdown";
    if (schema.type === "string" && options.picture) return "picture";
  });
})();
