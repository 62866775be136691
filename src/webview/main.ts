// Browser side of the request-runner panel. The panel itself arrives with the request-runner issue; this entry
// exists so the webview bundle, its CSP and its message protocol have a place from the start.
export {};
