// chart.js for the Survey section's charts. It comes from npm (src/Mahse.Survey/package.json, `npm ci`); the build
// copies its UMD bundle to lib/ and it is served with the package's static web assets. The UMD bundle sets
// globalThis.Chart when loaded as a module. Not named in the manifest, so it loads once.
let loading;

export function loadChart() {
	loading ??= import('./lib/chart.umd.min.js').then(
		() => {
			if (!globalThis.Chart) throw new Error('chart.js did not load');
			return globalThis.Chart;
		},
		(error) => {
			loading = undefined;
			throw new Error(`chart.js is not installed (npm ci --prefix src/Mahse.Survey): ${error}`);
		},
	);
	return loading;
}
