// GraphiQL on GET /graphql (what Strawberry's page did inline, as a file: the pages' CSP allows no
// inline script): queries over HTTP, subscriptions over graphql-transport-ws on the same path.
const url = `${window.location.origin}/graphql`;
const subscriptionUrl = url.replace(/^http/, "ws");
const fetcher = window.GraphiQL.createFetcher({ url, subscriptionUrl });
const root = window.ReactDOM.createRoot(document.getElementById("graphiql"));
root.render(window.React.createElement(window.GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
