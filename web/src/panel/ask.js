// Asking the service about a line, with the panel showing where things stand: an episode still
// being analysed shows its progress and is asked again after `retryAfter`; a rate limit shows a
// calm message and retries; anything else shows a short error.

const MAX_ATTEMPTS = 30;

export const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * @param {object} o
 * @param {ReturnType<import("./panel.js").createPanel>} o.panel
 * @param {{videoId: string, selectedText: string, timestamp: number, metadata?: object}} o.question
 * @param {(question: object) => Promise<object>} o.explain   rejects with {code, retryAfter}
 * @param {(videoId: string) => Promise<{progress?: number}>} [o.status]
 * @param {(seconds: number) => Promise<void>} [o.wait]
 */
export async function ask({ panel, question, explain, status, wait = sleep }) {
  const token = panel.showLoading(question);
  const current = () => panel.isOpen() && panel.generation === token;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && current(); attempt += 1) {
    try {
      const data = await explain(question);
      if (current()) panel.showAnswer(data, question);
      return data;
    } catch (error) {
      if (!current()) return null;
      const code = error && error.code;
      const retryAfter = Math.max(1, Number(error && error.retryAfter) || 5);
      if (code === "VIDEO_PROCESSING") {
        let progress = 0;
        try {
          progress = Number((status && (await status(question.videoId)))?.progress) || 0;
        } catch {
          progress = 0;
        }
        if (!current()) return null;
        panel.showProcessing(progress);
      } else if (code === "RATE_LIMIT_EXCEEDED" || code === "OVERLOADED") {
        panel.showRateLimited(retryAfter);
      } else {
        panel.showError(error);
        return null;
      }
      await wait(retryAfter);
    }
  }
  return null;
}
