// The UI strings, Korean and English. Server text is never part of these: it is inserted as text.

const en = {
  explainButton: "Explain this line",
  panelTitle: "What does this line mean?",
  close: "Close",
  thinking: "Looking through the episodes you have seen…",
  who: "Who is who",
  earlier: "Earlier scenes",
  sources: "Sources",
  helpful: "Did this help?",
  helpfulYes: "Helpful",
  helpfulNo: "Not helpful",
  thanks: "Thanks for telling us.",
  degraded: "Composed from the series graph only (the language model was unavailable).",
  processing: (percent) => `Reading this episode, ${percent} % — the answer follows by itself when it is done.`,
  rateLimited: (seconds) => `Lots of questions right now. Trying again in ${seconds} s — no need to do anything.`,
  failed: "The explanation is not available right now.",
  notFound: "This video is not known to the service yet.",
  hereAt: (time) => `this episode, ${time}`,
  episodeAt: (episode, time) => `episode ${episode}, ${time}`,
  confidence: { certain: "almost certain", likely: "likely", possible: "possibly", unsure: "unsure" },
  refersTo: "refers to",
  // web player
  homeTitle: "Series ready to watch",
  homeEmpty: "No episode is ready yet. The demo series is loaded on the first `make run`.",
  homeExplore: "Characters and timeline",
  homeAddTitle: "Add a video",
  homeAddExtension: "With the browser extension: open the episode on any page that plays it with subtitles and press Ctrl+E (⌘+E): the extension sends the captions its player loaded, and the answer follows once the episode is read.",
  homeAddOperator: "With an operator API key (ingest scope): register the video, then upload its subtitle file —",
  episodeLabel: (episode, title) => `Episode ${episode}: ${title}`,
  transcript: "Transcript",
  play: "Play",
  pause: "Pause",
  backToList: "All series",
  clickHint: "Click a line (or select words in it) to ask what it means.",
  episodeProcessing: (percent, step) => `Analysing this episode: ${percent} %${step ? ` (${step})` : ""}`,
  // extension
  popupNoVideo: "No video with subtitles seen on this page yet.",
  popupReady: "Ready: select a subtitle line and press the shortcut.",
  popupWaiting: "Waiting for the service…",
  popupNeedsKey: "Not analysed yet: this service takes new episodes from its operators only (an API key in the options).",
  popupExplain: "Explain the line on screen",
  popupServer: (url) => `Server: ${url}`,
  popupReachable: "reachable",
  popupUnreachable: "not reachable — check the server URL in the options",
  popupNoPage: "This tab cannot be read (a browser page or the web store).",
  options: "Options",
  optionsSaved: "Saved.",
};

const ko = {
  explainButton: "이 대사 설명 보기",
  panelTitle: "이 대사는 무슨 뜻일까요?",
  close: "닫기",
  thinking: "지금까지 본 회차를 살펴보는 중…",
  who: "누구를 가리키나요",
  earlier: "앞서 나온 장면",
  sources: "출처",
  helpful: "도움이 되었나요?",
  helpfulYes: "도움이 됐어요",
  helpfulNo: "도움이 안 됐어요",
  thanks: "알려 주셔서 고맙습니다.",
  degraded: "언어 모델을 쓸 수 없어 시리즈 그래프만으로 만든 설명입니다.",
  processing: (percent) => `이 회차를 읽는 중, ${percent} % — 다 읽으면 바로 설명해 드릴게요.`,
  rateLimited: (seconds) => `지금 질문이 많아요. ${seconds}초 뒤에 다시 시도합니다. 따로 하실 일은 없어요.`,
  failed: "지금은 설명을 가져올 수 없습니다.",
  notFound: "서비스가 아직 모르는 영상입니다.",
  hereAt: (time) => `이번 화 ${time}`,
  episodeAt: (episode, time) => `${episode}화 ${time}`,
  confidence: { certain: "거의 확실", likely: "아마도", possible: "어쩌면", unsure: "확실하지 않음" },
  refersTo: "→",
  homeTitle: "볼 수 있는 시리즈",
  homeEmpty: "아직 준비된 회차가 없습니다. 처음 `make run` 할 때 데모 시리즈가 들어갑니다.",
  homeExplore: "인물 관계도와 타임라인",
  homeAddTitle: "영상 추가하기",
  homeAddExtension: "브라우저 확장 프로그램으로: 자막이 나오는 페이지에서 회차를 열고 Ctrl+E(⌘+E)를 누르세요. 플레이어가 불러온 자막을 확장 프로그램이 보내고, 회차를 다 읽으면 설명이 나옵니다.",
  homeAddOperator: "운영자 API 키(ingest 권한)로: 영상을 등록한 뒤 자막 파일을 올리세요 —",
  episodeLabel: (episode, title) => `${episode}화: ${title}`,
  transcript: "대본",
  play: "재생",
  pause: "일시정지",
  backToList: "전체 시리즈",
  clickHint: "대사를 클릭하거나 단어를 선택하면 뜻을 알려 드려요.",
  episodeProcessing: (percent, step) => `이 회차를 분석하는 중: ${percent} %${step ? ` (${step})` : ""}`,
  popupNoVideo: "이 페이지에서 아직 자막이 있는 영상을 찾지 못했습니다.",
  popupReady: "준비됨: 자막을 선택하고 단축키를 누르세요.",
  popupWaiting: "서비스를 기다리는 중…",
  popupNeedsKey: "아직 분석되지 않았습니다. 이 서비스는 운영자만 새 회차를 넣을 수 있습니다(옵션의 API 키).",
  popupExplain: "화면의 대사 설명 보기",
  popupServer: (url) => `서버: ${url}`,
  popupReachable: "연결됨",
  popupUnreachable: "연결 안 됨 — 옵션에서 서버 주소를 확인하세요",
  popupNoPage: "이 탭은 읽을 수 없습니다(브라우저 페이지나 웹 스토어).",
  options: "옵션",
  optionsSaved: "저장했습니다.",
};

export const STRINGS = { en, ko };

/** `preference` is "ko", "en" or "auto" (follow the browser's language). */
export function pickLanguage(preference, browserLanguage) {
  if (preference === "ko" || preference === "en") return preference;
  return String(browserLanguage || "").toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function stringsFor(language) {
  return STRINGS[language] || en;
}
