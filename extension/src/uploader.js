// Registering and uploading as a viewer: the operator key when the options have one, else the
// client token the service issued to this browser (a new one on first use, or when the service
// no longer knows the one kept).

/**
 * Runs `action(api)` with a client that may register and upload. A service that takes new
 * episodes from operators only (VIEWER_REGISTRATION=off) answers FORBIDDEN: {known: false, needsKey: true}.
 * @param {{serverUrl: string, apiKey: string, clientToken: string}} settings
 * @param {(api: object) => Promise<object>} action
 * @param {{createClient: Function, saveClientToken: (serverUrl: string, token: string) => Promise<void>}} deps
 */
export async function asUploader(settings, action, { createClient, saveClientToken }, retried = false) {
  const base = { baseUrl: settings.serverUrl, apiKey: settings.apiKey };
  try {
    let token = settings.clientToken;
    if (!settings.apiKey && !token) {
      token = (await createClient(base).newClient()).clientToken;
      await saveClientToken(settings.serverUrl, token);
    }
    return await action(createClient({ ...base, clientToken: token }));
  } catch (error) {
    if (!settings.apiKey && error.code === "FORBIDDEN") return { known: false, needsKey: true };
    if (!settings.apiKey && error.code === "UNAUTHORIZED" && !retried) {
      await saveClientToken(settings.serverUrl, "");
      return asUploader({ ...settings, clientToken: "" }, action, { createClient, saveClientToken }, true);
    }
    throw error;
  }
}
