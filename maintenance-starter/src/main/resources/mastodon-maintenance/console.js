// The console's only script, served by the application (no library, nothing from elsewhere).
// - An execution's page, while its run goes, replaces its header, facts, levels and bar every second from
//   one answer of /executions/{id}/live, so that they never disagree; once the run is over the page is
//   loaded again to show what can be done with it, keeping the notice of the action that started it.
// - The executions list, while a run goes, refreshes its table, its chart and its notice of the running run
//   every few seconds, leaving the launch form as the operator is filling it in.
(function () {
	'use strict';

	var KEPT = 'mastodon-maintenance.message';

	function keptNotice() {
		var kept = sessionStorage.getItem(KEPT);
		sessionStorage.removeItem(KEPT);
		if (kept && !document.getElementById('message')) {
			var notice = document.createElement('div');
			notice.className = 'flash message';
			notice.id = 'message';
			notice.textContent = kept;
			document.querySelector('main').prepend(notice);
		}
	}

	function setText(id, text) {
		var element = document.getElementById(id);
		if (element && element.textContent !== text) {
			element.textContent = text;
		}
	}

	function element(tag, className, text) {
		var created = document.createElement(tag);
		if (className) {
			created.className = className;
		}
		if (text !== undefined && text !== null) {
			created.textContent = text;
		}
		return created;
	}

	function cell(text, className) {
		return element('td', className, text);
	}

	function stepRow(step) {
		var row = document.createElement('tr');
		row.id = 'step-' + step.name;
		var name = cell();
		name.appendChild(element('strong', null, step.name));
		if (step.tootctl) {
			name.appendChild(document.createElement('br'));
			name.appendChild(element('span', 'muted', step.tootctl));
		}
		row.appendChild(name);
		var status = cell();
		status.appendChild(element('span', 'badge ' + step.status, step.status));
		status.appendChild(document.createElement('br'));
		status.appendChild(element('code', 'muted', step.exitCode));
		row.appendChild(status);
		[step.read, step.written, step.skipped, step.commits, step.rollbacks, step.freed].forEach(function (value) {
			row.appendChild(cell(value, 'num'));
		});
		row.appendChild(cell(step.duration));
		var summary = cell(null, 'summary-cell');
		if (step.summary.length) {
			var lines = element('ul', 'summary');
			step.summary.forEach(function (line) {
				lines.appendChild(element('li', null, line));
			});
			summary.appendChild(lines);
		}
		if (step.failure) {
			summary.appendChild(element('div', 'failure-reason', step.failure));
		}
		else if (step.note) {
			summary.appendChild(element('div', 'muted', step.note));
		}
		row.appendChild(summary);
		return row;
	}

	// A partitioned level's partitions, under its row; a list the operator opened or closed stays so.
	function partitionsRow(step, open) {
		var row = element('tr', 'partitions-row');
		row.id = 'partitions-' + step.name;
		var holder = cell();
		holder.colSpan = 10;
		var details = element('details');
		details.dataset.key = step.name;
		details.open = (step.name in open) ? open[step.name] : ['STARTING', 'STARTED', 'STOPPING'].indexOf(step.status) >= 0;
		details.appendChild(element('summary', null, step.partitionsSummary));
		var table = element('table', 'partitions');
		var head = element('tr');
		[['Partition', 'num'], ['Status'], ['Share'], ['Node'], ['Read', 'num'], ['Written', 'num'], ['Duration']]
			.forEach(function (title) {
				head.appendChild(element('th', title[1], title[0]));
			});
		table.appendChild(element('thead')).appendChild(head);
		var body = table.appendChild(element('tbody'));
		step.partitions.forEach(function (partition) {
			var line = body.appendChild(element('tr'));
			line.id = 'partition-' + step.name + '-' + partition.number;
			line.appendChild(cell(String(partition.number), 'num'));
			var status = line.appendChild(cell());
			status.appendChild(element('span', 'badge ' + partition.status, partition.status));
			if (partition.ranIn) {
				status.appendChild(document.createTextNode(' '));
				status.appendChild(element('span', 'muted', partition.ranIn));
			}
			if (partition.progress) {
				status.appendChild(document.createTextNode(' '));
				status.appendChild(element('span', null, partition.progress));
			}
			[[partition.share], [partition.node], [partition.read, 'num'], [partition.written, 'num'],
				[partition.duration]].forEach(function (value) {
				line.appendChild(cell(value[0], value[1]));
			});
		});
		details.appendChild(table);
		holder.appendChild(details);
		row.appendChild(holder);
		return row;
	}

	function showSteps(steps) {
		var body = document.querySelector('#steps tbody');
		var open = {};
		body.querySelectorAll('details[data-key]').forEach(function (details) {
			open[details.dataset.key] = details.open;
		});
		var rows = document.createDocumentFragment();
		if (!steps.length) {
			var none = document.createElement('tr');
			var empty = cell('No level has started yet.', 'muted');
			empty.colSpan = 10;
			none.appendChild(empty);
			rows.appendChild(none);
		}
		steps.forEach(function (step) {
			rows.appendChild(stepRow(step));
			if (step.partitions.length) {
				rows.appendChild(partitionsRow(step, open));
			}
		});
		body.replaceChildren(rows);
	}

	function showProgress(progress) {
		var bar = document.getElementById('progress-bar');
		setText('progress-text', progress.text);
		if (progress.fraction !== null && progress.fraction !== undefined) {
			bar.classList.remove('indeterminate');
			bar.firstElementChild.style.width = Math.round(progress.fraction * 100) + '%';
		}
		else {
			bar.classList.add('indeterminate');
			bar.firstElementChild.style.width = '';
		}
	}

	function show(live) {
		var status = document.getElementById('status');
		status.className = 'badge ' + live.status;
		setText('status', live.status);
		setText('exit-code', live.exitCode);
		setText('started', live.started);
		setText('ended', live.ended);
		setText('duration', live.duration);
		setText('removed', live.removed);
		showProgress(live.progress);
		showSteps(live.steps);
		document.body.dataset.liveUpdates = String(Number(document.body.dataset.liveUpdates || 0) + 1);
	}

	function followExecution(card) {
		function poll() {
			fetch(card.dataset.live, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
				.then(function (response) {
					if (!response.ok) {
						throw new Error(response.status);
					}
					return response.json();
				})
				.then(function (live) {
					show(live);
					if (!live.running) {
						// the run is over: the page as served shows its actions and its stack traces
						var message = document.getElementById('message');
						if (message) {
							sessionStorage.setItem(KEPT, message.textContent);
						}
						window.location.reload();
						return;
					}
					setTimeout(poll, 1000);
				})
				.catch(function () {
					setTimeout(poll, 3000);
				});
		}
		poll();
	}

	function refreshList() {
		var regions = ['executions', 'chart-real', 'chart-dry', 'running'];
		function refresh() {
			fetch(window.location.href, { credentials: 'same-origin' })
				.then(function (response) {
					return response.text();
				})
				.then(function (html) {
					var page = new DOMParser().parseFromString(html, 'text/html');
					// asked before the fresh regions move into this page
					var going = page.querySelector('[data-refresh]') !== null;
					regions.forEach(function (id) {
						var now = document.getElementById(id);
						var fresh = page.getElementById(id);
						if (now && fresh) {
							now.replaceWith(fresh);
						}
						else if (now) {
							now.remove();
						}
					});
					document.body.dataset.liveUpdates = String(Number(document.body.dataset.liveUpdates || 0) + 1);
					if (going) {
						setTimeout(refresh, 3000);
					}
				})
				.catch(function () {
					setTimeout(refresh, 10000);
				});
		}
		setTimeout(refresh, 3000);
	}

	keptNotice();
	var card = document.querySelector('[data-live]');
	if (card) {
		followExecution(card);
	}
	if (document.querySelector('[data-refresh]')) {
		refreshList();
	}
})();
