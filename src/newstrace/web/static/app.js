// Click (or Enter on) a marked sentence to open what it was found to come from.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = (sentence) => {
    const panel = document.getElementById("ev-" + sentence.dataset.n);
    if (panel) {
      panel.hidden = !panel.hidden;
      sentence.classList.toggle("open", !panel.hidden);
    }
  };
  document.querySelectorAll(".text .s[data-n]").forEach((sentence) => {
    sentence.addEventListener("click", () => toggle(sentence));
    sentence.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle(sentence);
      }
    });
  });
});
