// Polling (EventSource cannot send the Authorization header): one request at a time, paused while
// the tab is hidden, stopped with the view.

/**
 * Runs task now and then every intervalMs after the previous run finished. task may return false to
 * stop polling (e.g. the study is finished); errors are passed to onError and polling continues.
 */
export function poll(task, intervalMs, onError = console.error) {
  let timer = null;
  let stopped = false;
  let running = false;

  async function run() {
    clearTimeout(timer);
    if (stopped || running) return;
    if (document.hidden) return; // resumed by visibilitychange
    running = true;
    let again = true;
    try {
      again = (await task()) !== false;
    } catch (e) {
      onError(e);
    } finally {
      running = false;
    }
    if (again && !stopped) timer = setTimeout(run, intervalMs);
    else stopped = true;
  }

  const onVisible = () => {
    if (!document.hidden && !stopped) run();
  };
  document.addEventListener('visibilitychange', onVisible);
  run();
  return {
    /** Refresh right away (after a user action). */
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
