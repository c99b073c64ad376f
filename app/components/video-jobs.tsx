// The studio's job list: one card per Generate, with a live progress bar (polls its JSON about once a
// second while it runs), per-clip bars, cancel, a plain error when it fails, and when done the player,
// the thumbnail and downloads. Without JavaScript the list is as fresh as the page.
import { useEffect, useRef, useState } from "react";
import type { RenderView } from "~/lib/video/studio-render.server.ts";

const ACTIVE = new Set(["clips", "finishing"]);
const POLL_MS = 1000;

const sizeText = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Polls one running job until it ends; returns the freshest view. */
function useLiveJob(initial: RenderView): [RenderView, (v: RenderView) => void] {
  const [view, setView] = useState(initial);
  const active = ACTIVE.has(view.status);
  useEffect(() => setView(initial), [initial]);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const res = await fetch(`/video/jobs/${initial.id}`, { headers: { Accept: "application/json" } });
        if (res.ok && !stopped) setView((await res.json()) as RenderView);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, initial.id]);
  return [view, setView];
}

export function JobList({ jobs, showBrief = false, emptyText }: { jobs: RenderView[]; showBrief?: boolean; emptyText: string }) {
  if (!jobs.length) return <p className="muted card">{emptyText}</p>;
  return (
    <ul className="job-list" aria-label="Video jobs">
      {jobs.map((job) => (
        <JobCard key={job.id} initial={job} showBrief={showBrief} />
      ))}
    </ul>
  );
}

function ProgressBar({ value, label, small = false, tone = "" }: { value: number; label: string; small?: boolean; tone?: string }) {
  return (
    <div className={`bar${small ? " small" : ""} ${tone}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-label={label}>
      <span style={{ width: `${value}%` }} />
    </div>
  );
}

function JobCard({ initial, showBrief }: { initial: RenderView; showBrief: boolean }) {
  const [job, setJob] = useLiveJob(initial);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const busy = useRef(false);
  const active = ACTIVE.has(job.status);
  const base = `/video/jobs/${job.id}`;
  const tone = job.status === "failed" ? "bad" : job.status === "cancelled" ? "off" : job.status === "completed" ? "good" : "";
  const portrait = job.video ? job.video.height > job.video.width : true;

  async function cancel(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const body = new FormData(e.currentTarget);
    body.set("_fetch", "1");
    try {
      const res = await fetch(base, { method: "POST", body });
      const data = (await res.json()) as { error?: string | null; job?: RenderView };
      if (data.job) setJob(data.job);
      setCancelError(data.error ?? null);
    } catch {
      setCancelError("Could not reach Marque to cancel; try again.");
    } finally {
      busy.current = false;
    }
  }

  return (
    <li className={`card job ${tone}`} id={`job-${job.id}`} data-job={job.id} data-status={job.status}>
      <div className="job-head">
        <div>
          <strong>{showBrief ? <a href={`/video/${job.briefId}`}>{job.briefTitle}</a> : job.label}</strong>
          {showBrief && job.label !== "Original" ? <span className="tag">{job.label}</span> : null}
          <div className="muted small">
            {job.provider === "local" ? "Offline animatic" : job.provider} · {job.clips.length} clip{job.clips.length === 1 ? "" : "s"} ·{" "}
            {job.createdAt.slice(0, 16).replace("T", " ")}
          </div>
        </div>
        <span className={`status-pill ${tone}`} data-testid="job-status">
          {job.stage}
        </span>
      </div>
      <div className="job-progress">
        <ProgressBar value={job.progress} label={`Progress of ${job.label}`} tone={tone} />
        <span className="pct" data-testid="job-percent">
          {job.progress} %
        </span>
      </div>
      {active && job.clips.length > 1 ? (
        <ol className="clip-bars">
          {job.clips.map((c, i) => (
            <li key={c.id} className="small muted">
              <span>Clip {i + 1}</span>
              <ProgressBar value={c.progress} label={`Clip ${i + 1}`} small />
            </li>
          ))}
        </ol>
      ) : null}
      {job.status === "failed" ? (
        <div className="notice error small" role="alert">
          {job.error ?? "The video could not be made."}
        </div>
      ) : null}
      {cancelError ? <div className="notice warn small">{cancelError}</div> : null}
      {active ? (
        <form method="post" action={base} onSubmit={cancel} className="job-actions">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="small-btn danger">
            Cancel
          </button>
        </form>
      ) : null}
      {job.status === "completed" && job.video ? (
        <div className={`job-result${portrait ? " portrait" : ""}`}>
          <video
            controls
            preload="metadata"
            playsInline
            poster={`${base}/thumbnail.jpg`}
            src={`${base}/video.mp4`}
            width={job.video.width}
            height={job.video.height}
            data-testid="job-video"
          />
          <div className="job-files small">
            <div>
              <b>
                {job.video.width}×{job.video.height}
              </b>{" "}
              · {job.video.seconds.toFixed(1)} s · {sizeText(job.video.bytes)}
              {job.video.stale ? (
                <span className="tag warn" title="The kit changed after this video was made">
                  kit changed since
                </span>
              ) : null}
            </div>
            <a className="btn primary small-btn" href={`${base}/video.mp4?download=1`} download data-testid="download-mp4">
              Download MP4
            </a>
            <a href={`${base}/thumbnail.jpg?download=1`} download>
              Thumbnail (JPEG)
            </a>
            {job.hasReference ? (
              <a href={`${base}/reference.png?download=1`} download>
                Reference frame (PNG)
              </a>
            ) : null}
            {job.clips.map((c, i) =>
              c.hasVideo ? (
                <a key={c.id} href={`${base}/clip-${i + 1}.mp4?download=1`} download>
                  Raw clip {i + 1}
                  {job.clips.length === 1 ? "" : ` of ${job.clips.length}`}
                </a>
              ) : null
            )}
            <img className="job-thumb" src={`${base}/thumbnail.jpg`} alt={`Thumbnail of ${job.label}`} loading="lazy" />
          </div>
        </div>
      ) : null}
    </li>
  );
}
