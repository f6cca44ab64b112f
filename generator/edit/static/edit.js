/* The editor's pages: the start page (every kind, its entries, a search box) and the form. */
(function () {
  "use strict";
  const main = document.getElementById("main");
  const make = (tag, props, ...children) => {
    const el = Object.assign(document.createElement(tag), props || {});
    for (const child of children) el.append(child);
    return el;
  };
  let editor = null;
  let current = null; // { kind, id, new, hash, label }

  async function answer(response) {
    const text = await response.text();
    let body;
    try { body = JSON.parse(text); } catch (e) { body = {error: text}; }
    if (!response.ok) throw new Error(body.error || `服务器出错（${response.status}）：请重试。`);
    return body;
  }
  async function get(url) { return answer(await fetch(url, {credentials: "same-origin"})); }
  async function post(url, value) {
    return answer(await fetch(url, {
      method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"}, body: JSON.stringify(value),
    }));
  }
  window.EditPost = post;
  window.EditGet = get;

  window.EditUpload = async function (file, container) {
    for (const old of container.querySelectorAll(":scope > .upload-note")) old.remove();
    const note = make("div", {className: "status upload-note", textContent: `正在上传“${file.name}”……`});
    container.append(note);
    try {
      const id = current.new ? (document.getElementById("entry-id")?.value || "") : current.id;
      const url = `/api/upload?kind=${encodeURIComponent(current.kind)}&id=${encodeURIComponent(id)}&name=${encodeURIComponent(file.name)}`;
      const sent = await answer(await fetch(url, {method: "POST", credentials: "same-origin", body: file}));
      note.remove();
      return sent;
    } catch (error) {
      note.className = "edit-problem upload-note";
      note.setAttribute("role", "alert");
      note.textContent = error.message;
      return null;
    }
  };

  function status(kind, text, items) {
    const box = document.getElementById("status");
    box.className = `status ${kind}`;
    box.replaceChildren(make("span", {textContent: text}));
    if (items && items.length) box.append(make("ul", {}, ...items.map(t => make("li", {textContent: t}))));
    box.hidden = false;
  }

  /* ---- start page ---- */
  async function start() {
    editor = null;
    main.replaceChildren(make("p", {textContent: "正在加载……"}));
    const data = await get("/api/kinds");
    const search = make("input", {type: "search", className: "search", placeholder: "按标题搜索……"});
    search.setAttribute("aria-label", "按标题搜索");
    const lists = data.kinds.map(kind => {
      const items = kind.entries.map(e => {
        const link = make("a", {href: `#/edit/${kind.key}/${encodeURIComponent(e.id)}`, textContent: e.title});
        if (e.year) link.append(make("span", {className: "year", textContent: e.year}));
        const li = make("li", {}, link);
        li.dataset.search = `${e.title} ${e.id}`.toLowerCase();
        return li;
      });
      const add = make("a", {className: "button", href: `#/new/${kind.key}`, textContent: "新增一项"});
      add.dataset.kind = kind.key;
      const section = make("section", {className: "kind"},
        make("h2", {}, make("span", {textContent: `${kind.label}（${kind.entries.length}）`}), add),
        make("ul", {}, ...items));
      section.dataset.kind = kind.key;
      return section;
    });
    search.oninput = () => {
      const q = search.value.trim().toLowerCase();
      for (const li of main.querySelectorAll(".kind li")) li.hidden = q !== "" && !li.dataset.search.includes(q);
    };
    main.replaceChildren(search, ...lists);
  }

  /* ---- the form ---- */
  async function open(kind, id) {
    main.replaceChildren(make("p", {textContent: "正在打开表单……"}));
    const form = await get(`/api/form?kind=${encodeURIComponent(kind)}${id ? `&id=${encodeURIComponent(id)}` : ""}`);
    current = {kind, id: id || "", new: form.new, hash: form.hash, label: form.label, needsId: form.needs_id, editor: form.editor};
    window.EditLinks.groups = form.links || [];
    const save = make("button", {type: "button", className: "primary", id: "save", textContent: "保存"});
    const preview = make("button", {type: "button", id: "preview", textContent: "预览"});
    const submit = make("button", {type: "button", id: "submit", textContent: "提交审核"});
    const back = make("a", {className: "button", href: "#/", textContent: "返回首页"});
    const title = make("h1", {textContent: form.new ? `新增${form.label}` : `修改${form.label}：${form.file}`});
    const parts = [title, make("div", {className: "actions"}, save, preview, submit, back),
      make("div", {id: "status", hidden: true})];
    if (form.new && form.needs_id) {
      const input = make("input", {id: "entry-id", autocomplete: "off", placeholder: "例如 hongse-yizhan"});
      parts.push(make("div", {className: "id-row"},
        make("label", {htmlFor: "entry-id", textContent: "标识（文件名和网址的一部分）："}), input,
        make("p", {className: "je-desc", textContent: "只用小写英文字母、数字和连字符，例如 hongse-yizhan；保存后不能再改。"}),
        make("div", {id: "id-problem"})));
    }
    const holder = make("div", {id: "form"});
    parts.push(holder);
    main.replaceChildren(...parts);
    editor = new JSONEditor(holder, {
      schema: form.schema, theme: "html", iconlib: null, show_errors: "never",
      disable_edit_json: true, disable_properties: true, disable_collapse: true, disable_array_delete_all_rows: true,
      disable_array_delete_last_row: true, prompt_before_delete: false, no_additional_properties: true,
      array_controls_top: false, compact: false,
    });
    await new Promise(resolve => editor.on("ready", resolve));
    // Field by field: a whole value given at once would hide every optional field it lacks.
    for (const [key, value] of Object.entries(form.value)) {
      const field = editor.getEditor(`root.${key}`);
      if (field) field.setValue(value);
    }
    save.onclick = () => store().catch(error => status("bad", error.message));
    preview.onclick = () => {
      if (current.new) { status("bad", "请先保存，再预览。"); return; }
      window.open(`/api/preview?kind=${encodeURIComponent(current.kind)}&id=${encodeURIComponent(current.id)}`, "_blank");
    };
    submit.onclick = () => window.EditSubmit(current).catch(error => status("bad", error.message));
  }

  function clearProblems() {
    for (const old of main.querySelectorAll(".edit-problem")) old.remove();
  }

  function showProblem(problem) {
    let path = problem.path;
    let found = editor.getEditor(path);
    while (!found && path.includes(".")) {
      path = path.slice(0, path.lastIndexOf("."));
      found = editor.getEditor(path);
    }
    const note = make("div", {className: "edit-problem", role: "alert"},
      make("span", {textContent: problem.message}), make("span", {className: "where", textContent: problem.where}));
    note.dataset.path = problem.path;
    const place = found && found.container ? found.container : document.getElementById("form");
    const control = place.querySelector(":scope > div, :scope > label") || null;
    if (found && found.input && found.input.parentNode) found.input.parentNode.append(note);
    else if (control) place.insertBefore(note, place.firstChild.nextSibling);
    else place.prepend(note);
  }

  async function store() {
    clearProblems();
    const body = {kind: current.kind, id: current.id, new: current.new, hash: current.hash, value: editor.getValue()};
    if (current.new && current.needsId) body.id = document.getElementById("entry-id").value.trim();
    let saved;
    try {
      saved = await post("/api/save", body);
    } catch (error) {
      const slot = document.getElementById("id-problem");
      if (slot && current.new) slot.replaceChildren(make("div", {className: "edit-problem", role: "alert", textContent: error.message}));
      throw error;
    }
    current.hash = saved.hash;
    if (current.new) {
      current.new = false;
      current.id = saved.id;
      history.replaceState(null, "", `#/edit/${current.kind}/${encodeURIComponent(saved.id)}`);
      const row = document.querySelector(".id-row");
      if (row) row.replaceWith(make("p", {textContent: `标识：${saved.id}（文件 ${saved.file}）`}));
    }
    show(saved);
    if (saved.complete) return saved;
    // The entry's own problems came at once; the whole site's check follows.
    const whole = await get(`/api/check?kind=${encodeURIComponent(current.kind)}&id=${encodeURIComponent(current.id)}&ticket=${saved.ticket}`);
    if (current.hash !== saved.hash) return {...saved, ...whole}; // saved again meanwhile: that save shows its own
    clearProblems();
    show({...saved, ...whole});
    return {...saved, ...whole};
  }

  function show(saved) {
    for (const problem of saved.problems) showProblem(problem);
    const others = saved.others.length ? [`另有 ${saved.others.length} 处问题在别的文件里（不影响这一项，但提交前需要有人改正）：`, ...saved.others.slice(0, 5)] : [];
    const waiting = saved.complete ? "" : "正在检查整个网站……";
    if (saved.problems.length) {
      status("bad", `已保存到 ${saved.file}，但检查发现 ${saved.problems.length} 处问题，见各栏目下方的红字。改好后再点“保存”。${waiting}`, others);
      const first = main.querySelector("#form .edit-problem");
      if (first) first.scrollIntoView({block: "center"});
    } else if (!saved.complete) {
      status("wait", `已保存到 ${saved.file}，这一项本身没有发现问题。${waiting}`, others);
    } else {
      status("ok", `已保存到 ${saved.file}，检查通过。`, others);
    }
  }
  window.EditStore = store;

  window.EditSubmit = async function (entry) {
    if (entry.new) { status("bad", "请先保存，再提交审核。"); return; }
    const saved = await store();
    if (saved.problems.length) return;
    let editorName = entry.editor || "";
    if (!editorName) {
      editorName = (window.prompt("请填写您的姓名（只问一次，提交记录会写上提交人）：") || "").trim();
      if (!editorName) return;
    }
    status("ok", "正在提交审核……");
    const done = await post("/api/submit", {kind: entry.kind, id: entry.id, editor: editorName});
    entry.editor = editorName;
    const lines = [`提交的文件：${done.files.join("、")}`, `分支：${done.branch}`, `推送命令：${(done.command || []).join(" ")}`];
    status(done.pushed ? "ok" : "bad", done.message, lines);
    if (done.url) {
      const link = make("a", {href: done.url, target: "_blank", rel: "noopener", textContent: `打开审核页面：${done.url}`});
      document.getElementById("status").append(make("p", {}, link));
    }
  };

  async function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/");
    try {
      if (parts[0] === "edit" && parts[1]) await open(parts[1], decodeURIComponent(parts[2] || ""));
      else if (parts[0] === "new" && parts[1]) await open(parts[1], "");
      else await start();
    } catch (error) {
      main.replaceChildren(make("p", {className: "edit-problem", textContent: error.message}), make("a", {href: "#/", textContent: "返回首页"}));
    }
  }
  window.addEventListener("hashchange", route);
  route();
})();
