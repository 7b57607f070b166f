package dev.mastodonmaintenance.boot.rest;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.rest.RestViews.Details;
import dev.mastodonmaintenance.boot.rest.RestViews.Launched;
import dev.mastodonmaintenance.boot.rest.RestViews.Page;
import dev.mastodonmaintenance.boot.rest.RestViews.ProgressView;
import dev.mastodonmaintenance.boot.rest.RestViews.Run;
import dev.mastodonmaintenance.boot.rest.RestViews.Summary;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API over {@link MastodonMaintenance}, under
 * {@code mastodon.maintenance.rest.base-path}: reads are GET, state changes POST, each
 * recorded with the requesting user's name ({@link OperatorActions}). Refusals are RFC
 * 9457 problem documents whose {@code reason} is the {@link MaintenanceException.Reason}.
 */
@RestController
@RequestMapping("${mastodon.maintenance.rest.base-path:/mastodon-maintenance/api}")
public class MaintenanceRestController {

	private final MastodonMaintenance maintenance;

	private final OperatorActions operatorActions;

	/**
	 * Creates the controller.
	 * @param maintenance the facade
	 * @param operatorActions where state changes are recorded with who made them
	 */
	public MaintenanceRestController(MastodonMaintenance maintenance, OperatorActions operatorActions) {
		this.maintenance = maintenance;
		this.operatorActions = operatorActions;
	}

	@GetMapping("/executions")
	Page executions(@RequestParam(name = "status", required = false) @Nullable List<String> statuses,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String level, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + ExecutionQuery.DEFAULT_SIZE) int size) {
		ExecutionQuery query = new ExecutionQuery(statuses(statuses), instant("from", from), instant("to", to),
				(level != null && !level.isBlank()) ? Level.ofStepName(level) : null, page, size);
		return Page.of(this.maintenance.executions(query));
	}

	@GetMapping("/executions/last")
	ResponseEntity<Summary> lastExecution() {
		return ResponseEntity.of(this.maintenance.lastExecution().map(Summary::of));
	}

	@GetMapping("/executions/{id}")
	ResponseEntity<Details> execution(@PathVariable long id) {
		return ResponseEntity
			.of(this.maintenance.execution(id).map((details) -> Details.of(details, this.operatorActions.of(id))));
	}

	@GetMapping("/executions/{id}/progress")
	ResponseEntity<ProgressView> progress(@PathVariable long id) {
		return ResponseEntity.of(this.maintenance.progress(id).map(ProgressView::of));
	}

	@PostMapping("/executions")
	ResponseEntity<Launched> start(@RequestBody(required = false) @Nullable Run run, HttpServletRequest request) {
		long id = as(request).start(request((run != null) ? run : new Run(null, null, null)));
		return ResponseEntity.accepted().location(URI.create("executions/" + id)).body(new Launched(id));
	}

	@PostMapping("/executions/{id}/restart")
	ResponseEntity<Launched> restart(@PathVariable long id, HttpServletRequest request) {
		long restarted = as(request).restart(id);
		return ResponseEntity.accepted().location(URI.create(String.valueOf(restarted))).body(new Launched(restarted));
	}

	@PostMapping("/executions/{id}/stop")
	ResponseEntity<Launched> stop(@PathVariable long id, HttpServletRequest request) {
		as(request).stop(id);
		return ResponseEntity.accepted().body(new Launched(id));
	}

	@PostMapping("/executions/{id}/abandon")
	Launched abandon(@PathVariable long id, HttpServletRequest request) {
		as(request).abandon(id);
		return new Launched(id);
	}

	@PostMapping("/executions/{id}/recover")
	Launched recover(@PathVariable long id, HttpServletRequest request) {
		as(request).recover(id);
		return new Launched(id);
	}

	private MastodonMaintenance as(HttpServletRequest request) {
		String user = (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "unauthenticated";
		return this.operatorActions.by(this.maintenance, user + " (API, " + request.getRemoteAddr() + ")");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(MaintenanceException ex) {
		HttpStatus status = switch (ex.reason()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case INVALID_PARAMETERS -> HttpStatus.BAD_REQUEST;
			case ALREADY_RUNNING, ILLEGAL_STATE -> HttpStatus.CONFLICT;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		return ResponseEntity.status(status).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("reason", MaintenanceException.Reason.INVALID_PARAMETERS.name());
		return ResponseEntity.badRequest().body(problem);
	}

	private static RunRequest request(Run run) {
		Set<Level> levels = EnumSet.noneOf(Level.class);
		if (run.levels() != null) {
			run.levels().forEach((name) -> levels.add(Level.ofStepName(name)));
		}
		Map<Level, Map<String, String>> options = new EnumMap<>(Level.class);
		if (run.options() != null) {
			run.options()
				.forEach((name, values) -> options.put(Level.ofStepName(name),
						values.entrySet()
							.stream()
							.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> String.valueOf(entry.getValue()),
									(a, b) -> b, LinkedHashMap::new))));
		}
		return new RunRequest(levels, options, Boolean.TRUE.equals(run.dryRun()));
	}

	private static Set<BatchStatus> statuses(@Nullable List<String> values) {
		Set<BatchStatus> statuses = EnumSet.noneOf(BatchStatus.class);
		if (values == null) {
			return statuses;
		}
		for (String value : values.stream().flatMap((v) -> Arrays.stream(v.split(","))).map(String::trim).toList()) {
			if (value.isEmpty()) {
				continue;
			}
			try {
				statuses.add(BatchStatus.valueOf(value.toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Invalid status '" + value + "': expected one of " + Arrays.toString(BatchStatus.values()));
			}
		}
		return statuses;
	}

	private static @Nullable Instant instant(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"Invalid " + name + " '" + value + "': expected an ISO-8601 instant such as 2026-11-25T04:00:00Z");
		}
	}

}
