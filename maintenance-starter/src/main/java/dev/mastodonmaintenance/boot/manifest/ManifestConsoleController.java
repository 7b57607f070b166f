package dev.mastodonmaintenance.boot.manifest;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.console.ConsoleFormat;
import dev.mastodonmaintenance.boot.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's pages on the deletion manifest, under
 * {@code mastodon.maintenance.console.path} and so behind the console's sign-in: a run's
 * manifest, filtered and paged, its CSV export, written as it is read, and the search for
 * a storage key, a status or an account across runs. Read only: all are GET.
 */
@Controller
@RequestMapping("${mastodon.maintenance.console.path:/maintenance}")
class ManifestConsoleController {

	private static final String VIEW = "mastodon-maintenance/manifest";

	/** The most entries the search across runs shows. */
	static final int SEARCH_LIMIT = 200;

	private static final List<String> CSV_COLUMNS = List.of("executionId", "level", "state", "kind", "table", "rowId",
			"key", "recordedBytes", "storageBytes", "detail", "recordedAt");

	private final DeletionManifestRecords records;

	private final MastodonMaintenance maintenance;

	private final ConsoleProperties properties;

	private final ConsoleFormat format = new ConsoleFormat();

	ManifestConsoleController(DeletionManifestRecords records, MastodonMaintenance maintenance,
			ConsoleProperties properties) {
		this.records = records;
		this.maintenance = maintenance;
		this.properties = properties;
	}

	@ModelAttribute
	void common(Model model, @Nullable Principal principal) {
		model.addAttribute("base", this.properties.getPath());
		model.addAttribute("fmt", this.format);
		model.addAttribute("user", (principal != null) ? principal.getName() : null);
		model.addAttribute("notice", this.properties.getNotice());
		model.addAttribute("allLevels", Level.values());
		model.addAttribute("allStates", ManifestState.values());
	}

	@GetMapping("/executions/{id}/manifest")
	String run(@PathVariable("id") long id, Filter filter, Model model) {
		ExecutionDetails execution = this.maintenance.execution(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No execution " + id));
		model.addAttribute("execution", execution.summary());
		model.addAttribute("filter", filter);
		model.addAttribute("tally", this.records.tally(id));
		try {
			ManifestPage page = this.records.page(filter.query(id));
			model.addAttribute("page", page);
			model.addAttribute("nextLink", (page.next() != null) ? filter.link(page.next()) : null);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("page", new ManifestPage(List.of(), null));
		}
		return VIEW;
	}

	@GetMapping("/executions/{id}/manifest.csv")
	void csv(@PathVariable("id") long id, Filter filter, HttpServletResponse response) throws IOException {
		if (this.maintenance.execution(id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No execution " + id);
		}
		ManifestQuery query;
		try {
			query = filter.query(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"manifest-" + id + ".csv\"");
		PrintWriter out = response.getWriter();
		out.print(String.join(",", CSV_COLUMNS) + "\r\n");
		// a page at a time, each written before the next is read
		this.records.each(query, (entry) -> out.print(ManifestCsv.line(entry)));
		out.flush();
	}

	@GetMapping("/manifest")
	String search(@RequestParam(name = "q", required = false) @Nullable String text,
			@RequestParam(name = "by", defaultValue = "key") String by, Model model) {
		model.addAttribute("q", (text != null) ? text : "");
		model.addAttribute("by", by);
		if (text == null || text.isBlank()) {
			return VIEW;
		}
		try {
			model.addAttribute("found", find(by, text.strip()));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return VIEW;
	}

	private List<ManifestEntry> find(String by, String text) {
		return switch (by) {
			case "key" -> this.records.findKey(text, SEARCH_LIMIT);
			case "status" -> this.records.findRow("statuses", id(text, "status"), SEARCH_LIMIT);
			case "account" -> this.records.findRow("accounts", id(text, "account"), SEARCH_LIMIT);
			default -> throw new IllegalArgumentException("Unknown search '" + by + "': use key, status or account");
		};
	}

	private static long id(String text, String what) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid " + what + " id '" + text + "': expected a number");
		}
	}

	/**
	 * The filter form's fields, as the request gives them.
	 */
	static final class Filter {

		private @Nullable String level;

		private @Nullable String table;

		private @Nullable String state;

		private @Nullable String search;

		private String by = "key";

		private @Nullable String after;

		private int limit = ManifestQuery.DEFAULT_LIMIT;

		ManifestQuery query(long executionId) {
			ManifestQuery query = ManifestQuery.of(executionId)
				.limit(this.limit)
				.level(blank(this.level) ? null : Level.ofStepName(this.level))
				.table(this.table)
				.state(blank(this.state) ? null : ManifestState.of(this.state))
				.after(blank(this.after) ? null : ManifestPosition.parse(this.after));
			if (blank(this.search)) {
				return query;
			}
			String text = this.search.strip();
			return switch (this.by) {
				case "key" -> query.keyPrefix(text);
				case "status" -> query.statusId(id(text, "status"));
				case "account" -> query.accountId(id(text, "account"));
				default ->
					throw new IllegalArgumentException("Unknown search '" + this.by + "': use key, status or account");
			};
		}

		// the same filter from a position on, as a query string
		String link(ManifestPosition next) {
			return parameters() + "&after=" + next;
		}

		public String parameters() {
			return "?level=" + encode(this.level) + "&table=" + encode(this.table) + "&state=" + encode(this.state)
					+ "&search=" + encode(this.search) + "&by=" + encode(this.by) + "&limit=" + this.limit;
		}

		private static String encode(@Nullable String value) {
			return (value != null) ? java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) : "";
		}

		private static boolean blank(@Nullable String text) {
			return text == null || text.isBlank();
		}

		public @Nullable String getLevel() {
			return this.level;
		}

		public void setLevel(@Nullable String level) {
			this.level = level;
		}

		public @Nullable String getTable() {
			return this.table;
		}

		public void setTable(@Nullable String table) {
			this.table = table;
		}

		public @Nullable String getState() {
			return this.state;
		}

		public void setState(@Nullable String state) {
			this.state = state;
		}

		public @Nullable String getSearch() {
			return this.search;
		}

		public void setSearch(@Nullable String search) {
			this.search = search;
		}

		public String getBy() {
			return this.by;
		}

		public void setBy(String by) {
			this.by = by;
		}

		public @Nullable String getAfter() {
			return this.after;
		}

		public void setAfter(@Nullable String after) {
			this.after = after;
		}

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

	}

}
