/* The site's menus, and the Print buttons (data-print): handlers live here, not in onclick=
   attributes, which the Content-Security-Policy refuses to run. Without JavaScript every link
   of the menus shows and the groups open as <details>; with it, narrow screens fold the menu
   behind the Menu button, and a group closes on Escape (focus back on its heading), on a click
   elsewhere and when another one opens. */
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-button");
  const menu = document.getElementById("site-menu");
  if (button && menu) {
    button.addEventListener("click", () => {
      button.setAttribute("aria-expanded", String(button.getAttribute("aria-expanded") !== "true"));
    });
  }
  const groups = [...document.querySelectorAll("details.nav-group")];
  groups.forEach((group) => {
    group.addEventListener("toggle", () => {
      if (group.open) groups.forEach((other) => { if (other !== group) other.open = false; });
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = groups.find((group) => group.open);
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    } else if (button && button.getAttribute("aria-expanded") === "true" && menu.contains(document.activeElement)) {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("button[data-print]")) window.print();
    groups.forEach((group) => { if (group.open && !group.contains(event.target)) group.open = false; });
  });
});
