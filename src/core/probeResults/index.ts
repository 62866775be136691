// Probe results as the editor keeps and shows them (issue 13): stored runs, the results tree, drift marks in the
// registry, the exchange document, known issues and the run's safety decisions. No `vscode` here.
export * from './runHistory';
export * from './resultTree';
export * from './driftMarks';
export * from './knownIssues';
export * from './exchangeText';
export * from './jsonLayout';
export * from './runPlan';
