// The web player's clock: a real <video> when the episode has a media URL, otherwise a timer that
// plays the cues at real speed. Both answer currentTime, paused, play(), pause(), seek(t), onTick(fn).

export function timerClock({ duration, now = () => performance.now(), schedule = (fn) => setInterval(fn, 200),
                             cancel = (id) => clearInterval(id) }) {
  let base = 0;
  let startedAt = null;
  let timer = null;
  const listeners = new Set();
  const clamp = (t) => Math.max(0, Math.min(duration, t));
  const time = () => clamp(startedAt === null ? base : base + (now() - startedAt) / 1000);
  const emit = () => {
    const t = time();
    if (startedAt !== null && t >= duration) clock.pause();
    for (const fn of listeners) fn(t);
  };
  const clock = {
    get currentTime() { return time(); },
    get paused() { return startedAt === null; },
    duration,
    play() {
      if (startedAt !== null) return;
      if (time() >= duration) base = 0;
      startedAt = now();
      timer = schedule(emit);
      emit();
    },
    pause() {
      if (startedAt === null) return;
      base = time();
      startedAt = null;
      cancel(timer);
      timer = null;
      emit();
    },
    seek(t) {
      base = clamp(Number(t) || 0);
      if (startedAt !== null) startedAt = now();
      emit();
    },
    onTick(fn) { listeners.add(fn); },
  };
  return clock;
}

export function videoClock(video) {
  return {
    get currentTime() { return video.currentTime; },
    get paused() { return video.paused; },
    get duration() { return video.duration; },
    play() { return video.play(); },
    pause() { video.pause(); },
    seek(t) { video.currentTime = Number(t) || 0; },
    onTick(fn) {
      for (const name of ["timeupdate", "seeked", "play", "pause"]) video.addEventListener(name, () => fn(video.currentTime));
    },
  };
}

/** The index of the cue showing at time t (cues sorted by start), or -1. */
export function cueAt(cues, t) {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid].start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && t < cues[found].end ? found : -1;
}
