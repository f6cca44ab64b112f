/*
 * A gallery's larger view: a click on a photo shows its largest size over the page, with its
 * caption and buttons for the previous and next photo; Esc, the close button or a click
 * beside the picture closes it, the arrow keys move through the gallery.
 *
 * Each photo is a link to its largest size (built by generator/media/figures.py), so without this
 * script, or in a browser without <dialog>, a click simply opens the picture.
 */
(function () {
  "use strict";

  if (typeof HTMLDialogElement !== "function") return;

  let dialog = null;
  let items = [];     // the links of the gallery being shown
  let at = 0;

  function button(label, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", event => { event.stopPropagation(); action(); });
    return b;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", "查看大图");
    const img = document.createElement("img");
    const caption = document.createElement("p");
    const bar = document.createElement("div");
    bar.className = "lightbox__bar";
    bar.appendChild(button("上一张", () => { show(at - 1); }));
    bar.appendChild(button("下一张", () => { show(at + 1); }));
    bar.appendChild(button("关闭", () => { dialog.close(); }));
    dialog.appendChild(img);
    dialog.appendChild(caption);
    dialog.appendChild(bar);
    dialog.addEventListener("click", event => {
      if (event.target === dialog) dialog.close();   // a click on the dark space around the picture
    });
    dialog.addEventListener("keydown", event => {
      if (event.key === "ArrowLeft") show(at - 1);
      else if (event.key === "ArrowRight") show(at + 1);
    });
    document.body.appendChild(dialog);
  }

  function show(index) {
    at = (index + items.length) % items.length;
    const link = items[at];
    const thumb = link.querySelector("img");
    const img = dialog.querySelector("img");
    img.src = link.href;
    img.alt = thumb ? thumb.alt : "";
    const caption = link.parentNode.querySelector("figcaption");
    dialog.querySelector("p").textContent = caption ? caption.textContent : img.alt;
    const many = items.length > 1;
    const buttons = dialog.querySelectorAll(".lightbox__bar button");
    buttons[0].hidden = buttons[1].hidden = !many;
  }

  document.addEventListener("click", event => {
    const link = event.target.closest ? event.target.closest(".gallery-item > a[href]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (!dialog) build();
    const gallery = link.closest(".gallery");
    items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-item > a[href]"));
    show(items.indexOf(link));
    dialog.showModal();
  });
})();
