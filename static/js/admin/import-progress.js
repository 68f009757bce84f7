// An import under way: its status is asked for every two seconds and shown; once the
// worker has finished (or the check is done), the page is loaded again with the report.
// Without JavaScript the page still shows the state as of its loading.
(() => {
  const box = document.querySelector(".import-run[data-status-url]");
  if (!box || box.dataset.working !== "1") return;
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.status);
      const run = await response.json();
      if (!run.working || run.status !== box.dataset.status) {
        window.location.reload();
        return;
      }
      const bar = box.querySelector("[data-import-progress]");
      if (bar && run.total) {
        bar.max = run.total;
        bar.value = run.done;
      }
      const count = box.querySelector("[data-import-count]");
      if (count && run.total) count.textContent = `${run.done} / ${run.total}`;
    } catch {
      // The server restarting: ask again at the next turn.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 1000);
})();
