// The GraphQL the explorer reads: every field bounded by the viewer's position (`asOf`).

export const SERIES = `query ExplorerSeries($id: ID!) {
  series(id: $id) { id title language videos(status: "ready") { id season episode title duration ordinal } }
}`;

export const NETWORK = `query ExplorerNetwork($id: ID!, $asOf: AsOf!) {
  series(id: $id) { network(asOf: $asOf, first: 40) {
    asOf { videoId until wholeEpisode }
    nodes { id name aliases type description mentionCount importance community firstAppearance { videoId at } }
    edges { source target type strength } } }
}`;

export const MENTIONS = `query ExplorerMentions($id: ID!, $asOf: AsOf!) {
  entity(id: $id) { id mentions(first: 100, asOf: $asOf) { videoId at count line { start end text speaker } } }
}`;

export const QUESTIONS = `query ExplorerQuestions($id: ID!, $asOf: AsOf!) {
  stats(seriesId: $id, asOf: $asOf, top: 8) {
    mostAskedLines { videoId text count at rated helpfulShare }
    episodes { videoId questions helpful notHelpful helpfulShare } }
}`;
