// Live channel pages: the server renders each new message as HTML and streams it; without this
// script the page still works, and shows new messages on reload.
for (const list of document.querySelectorAll("ol[data-stream]")) {
  const url = `${list.dataset.stream}?after=${encodeURIComponent(list.dataset.after ?? "0")}`;
  const source = new EventSource(url);
  source.addEventListener("message", (event) => {
    if (document.getElementById(`m-${event.lastEventId}`)) return;
    list.insertAdjacentHTML("beforeend", event.data);
    list.dataset.after = event.lastEventId;
    document.querySelector(".empty")?.remove();
    list.lastElementChild?.scrollIntoView({ block: "nearest" });
  });
  // A live message (an incident, a deployment) replaced in place: redraw it where it is.
  source.addEventListener("edited", (event) => {
    const redrawn = document.createRange().createContextualFragment(event.data).firstElementChild;
    if (redrawn) document.getElementById(redrawn.id)?.replaceWith(redrawn);
  });
  // Signed out elsewhere (or revoked): the stream says so and ends; reloading shows the sign-in page.
  source.addEventListener("signed-out", () => { source.close(); location.reload(); });
  source.addEventListener("refused", () => source.close());
  // Refused before it opened (the session ended meanwhile): the browser gives up, so reload to find out why.
  source.addEventListener("error", () => { if (source.readyState === EventSource.CLOSED) location.reload(); });
}
