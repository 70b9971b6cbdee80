// Host detection for the task pane. Outside Office, office.js still loads and Office.onReady
// resolves with host null. If office.js did not load (no window.Office: reported after
// missingMs) or never becomes ready (timeoutMs), the status is "no-office"; a late
// onReady still upgrades it.

export type HostStatus =
  | { kind: "connecting" }
  | { kind: "excel"; platform: string | null; displayLanguage: string | null }
  | { kind: "other-host"; host: string; displayLanguage: string | null }
  | { kind: "outside-office" }
  | { kind: "no-office" };

/** The part of office.js this module touches. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  context?: { displayLanguage?: string } | null;
}

export interface WatchOptions {
  /** How long to wait for window.Office and Office.onReady together. */
  timeoutMs?: number;
  /** If window.Office is missing at start, report "no-office" after this long (keep polling). */
  missingMs?: number;
  /** Poll interval while window.Office is missing. */
  pollMs?: number;
  /** Returns the Office global, or undefined. Injected in tests. */
  getOffice?: () => OfficeLike | undefined;
}

const defaultGetOffice = (): OfficeLike | undefined =>
  (globalThis as { Office?: OfficeLike }).Office ?? undefined;

function displayLanguageOf(office: OfficeLike): string | null {
  try {
    return office.context?.displayLanguage || null;
  } catch {
    return null; // some hosts throw on context access before initialisation
  }
}

export function statusFromReady(info: { host: unknown; platform: unknown }, office: OfficeLike): HostStatus {
  if (info.host === null || info.host === undefined) return { kind: "outside-office" };
  const host = String(info.host);
  const displayLanguage = displayLanguageOf(office);
  if (host === "Excel") {
    return { kind: "excel", platform: info.platform == null ? null : String(info.platform), displayLanguage };
  }
  return { kind: "other-host", host, displayLanguage };
}

/**
 * Reports host status changes to `onStatus` (first "connecting" is implied, not reported).
 * Returns a function that stops watching.
 */
export function watchOffice(onStatus: (status: HostStatus) => void, options: WatchOptions = {}): () => void {
  const { timeoutMs = 10_000, missingMs = 2_000, pollMs = 100, getOffice = defaultGetOffice } = options;
  let stopped = false;
  let settled = false; // onReady has answered
  let reportedNoOffice = false;
  let poll: ReturnType<typeof setInterval> | undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];

  const report = (status: HostStatus): void => {
    if (!stopped) onStatus(status);
  };
  const noOffice = (): void => {
    if (settled || reportedNoOffice) return;
    reportedNoOffice = true;
    report({ kind: "no-office" });
  };
  const stopPolling = (): void => {
    if (poll) clearInterval(poll);
    poll = undefined;
  };

  const listen = (office: OfficeLike): void => {
    let ready: Promise<{ host: unknown; platform: unknown }>;
    try {
      ready = office.onReady();
    } catch {
      noOffice();
      settled = true;
      return;
    }
    ready.then(
      (info) => {
        settled = true;
        report(statusFromReady(info, office)); // may upgrade an earlier "no-office"
      },
      () => {
        noOffice();
        settled = true;
      },
    );
  };

  const office = getOffice();
  if (office) {
    listen(office);
  } else {
    // office.js is a blocking <script> before our bundles, so "missing now" usually means it
    // failed to load: say so soon, but keep looking in case it was loaded asynchronously.
    poll = setInterval(() => {
      const late = getOffice();
      if (late) {
        stopPolling();
        listen(late);
      }
    }, pollMs);
    timers.push(setTimeout(() => (poll ? noOffice() : undefined), missingMs));
  }
  timers.push(
    setTimeout(() => {
      stopPolling();
      noOffice();
    }, timeoutMs),
  );

  return () => {
    stopped = true;
    stopPolling();
    timers.forEach(clearTimeout);
  };
}
