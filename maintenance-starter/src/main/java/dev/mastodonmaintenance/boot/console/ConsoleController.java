package dev.mastodonmaintenance.boot.console;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.StepDetails;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages and actions, all under {@code mastodon.maintenance.console.path}.
 * Pages are GET; every action that changes something is a POST (carrying Spring
 * Security's CSRF token) answered by a redirect, and is recorded with the signed-in
 * user's name ({@link OperatorActions}). A run that deletes is launched only once
 * confirmed against what a dry run of the same options predicted
 * ({@link DryRunPredictions}). An execution's page keeps itself current through
 * {@code /executions/{id}/live} ({@link LiveExecution}) and the console's own script,
 * {@code /console.js}.
 */
@Controller
@RequestMapping("${mastodon.maintenance.console.path:/maintenance}")
public class ConsoleController {

	private static final String VIEWS = "mastodon-maintenance/";

	private static final Resource SCRIPT = new ClassPathResource("mastodon-maintenance/console.js");

	private final MastodonMaintenance maintenance;

	private final ConsoleProperties properties;

	private final OperatorActions operatorActions;

	private final DryRunPredictions predictions;

	private final @Nullable ScheduledRuns schedule;

	private final ConsoleFormat format = new ConsoleFormat();

	ConsoleController(MastodonMaintenance maintenance, ConsoleProperties properties, OperatorActions operatorActions,
			DryRunPredictions predictions, @Nullable ScheduledRuns schedule) {
		this.maintenance = maintenance;
		this.properties = properties;
		this.operatorActions = operatorActions;
		this.predictions = predictions;
		this.schedule = schedule;
	}

	@ModelAttribute
	void common(Model model, @Nullable Principal principal) {
		model.addAttribute("base", this.properties.getPath());
		model.addAttribute("fmt", this.format);
		model.addAttribute("user", (principal != null) ? principal.getName() : null);
		model.addAttribute("allLevels", Level.values());
		model.addAttribute("notice", this.properties.getNotice());
	}

	@GetMapping({ "", "/" })
	String executions(@RequestParam(name = "status", required = false) @Nullable List<BatchStatus> statuses,
			@RequestParam(name = "level", required = false) @Nullable String level,
			@RequestParam(name = "from",
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(name = "to",
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		Set<BatchStatus> statusFilter = (statuses != null && !statuses.isEmpty()) ? EnumSet.copyOf(statuses)
				: EnumSet.noneOf(BatchStatus.class);
		ExecutionQuery query;
		Level levelFilter = null;
		try {
			levelFilter = (level != null && !level.isBlank()) ? Level.ofStepName(level) : null;
			query = new ExecutionQuery(statusFilter,
					(from != null) ? from.atStartOfDay(ZoneOffset.UTC).toInstant() : null,
					(to != null) ? to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null, levelFilter,
					Math.max(0, page), ExecutionQuery.DEFAULT_SIZE);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			query = ExecutionQuery.firstPage();
		}
		ExecutionPage executions = this.maintenance.executions(query);
		model.addAttribute("executions", executions);
		model.addAttribute("starters",
				this.operatorActions.starters(executions.executions().stream().map(ExecutionSummary::id).toList()));
		model.addAttribute("statusFilter", statusFilter);
		model.addAttribute("levelFilter", (levelFilter != null) ? levelFilter.stepName() : "");
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("allStatuses", BatchStatus.values());
		model.addAttribute("launchOptions", LaunchOption.ALL);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new LaunchForm());
		}
		List<ExecutionSummary> history = this.maintenance
			.executions(ExecutionQuery.firstPage().page(0, this.properties.getHistorySize()))
			.executions();
		// real runs and dry runs on plots of their own: what would be removed never
		// beside what was
		model.addAttribute("chart",
				RunHistoryChart.svg(history.stream().filter((run) -> !run.dryRun()).toList(), false));
		model.addAttribute("dryChart",
				RunHistoryChart.svg(history.stream().filter(ExecutionSummary::dryRun).toList(), true));
		model.addAttribute("schedule", this.schedule);
		model.addAttribute("nextRun", (this.schedule != null) ? this.schedule.nextSlot() : null);
		model.addAttribute("running", this.maintenance.lastExecution().filter((last) -> last.running()).orElse(null));
		return VIEWS + "executions";
	}

	@GetMapping("/executions/{id}")
	String execution(@PathVariable("id") long id, Model model) {
		ExecutionDetails details = details(id);
		model.addAttribute("execution", details);
		model.addAttribute("steps", steps(details));
		model.addAttribute("progress", this.maintenance.progress(id).orElse(null));
		model.addAttribute("operatorActions", this.operatorActions.of(id));
		return VIEWS + "execution";
	}

	@GetMapping(path = "/executions/{id}/live", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	LiveExecution live(@PathVariable("id") long id) {
		ExecutionDetails details = details(id);
		return LiveExecution.of(details, steps(details), this.maintenance.progress(id).orElse(null), this.format);
	}

	@GetMapping(path = "/executions/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> progress(@PathVariable("id") long id) {
		Progress progress = this.maintenance.progress(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No execution " + id));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("executionId", progress.executionId());
		json.put("status", progress.status().name());
		json.put("running", progress.status().isRunning());
		json.put("stepName", progress.stepName());
		json.put("stepNumber", progress.stepNumber());
		json.put("stepCount", progress.stepCount());
		json.put("phase", progress.phase());
		json.put("processed", progress.processed());
		json.put("estimatedTotal", progress.estimatedTotal());
		json.put("fraction", progress.fraction());
		json.put("perSecond", progress.perSecond());
		json.put("remainingSeconds", (progress.remaining() != null) ? progress.remaining().toSeconds() : null);
		json.put("basis", progress.basis().name());
		return json;
	}

	@GetMapping(path = "/console.js", produces = "text/javascript")
	ResponseEntity<Resource> script() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(SCRIPT);
	}

	@PostMapping("/runs")
	String launch(@ModelAttribute LaunchForm form, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			RunRequest run = form.toRequest();
			if (!form.isDryRun() && !form.isConfirmed()) {
				// a run that deletes is confirmed against what a dry run of the same
				// options predicted
				model.addAttribute("form", form);
				model.addAttribute("given", form.given());
				ExecutionSummary prediction = this.predictions.of(run).orElse(null);
				model.addAttribute("prediction", prediction);
				model.addAttribute("predictionSteps",
						(prediction != null) ? steps(details(prediction.id())) : List.of());
				return VIEWS + "confirm";
			}
			long id = as(request).start(run);
			redirect.addFlashAttribute("message",
					"Started execution " + id + (form.isDryRun() ? " (dry run)" : "") + ".");
			return "redirect:" + this.properties.getPath() + "/executions/" + id;
		}
		catch (MaintenanceException | IllegalArgumentException ex) {
			// the form comes back as it was sent, with the validator's message above it
			redirect.addFlashAttribute("launchError", ex.getMessage());
			redirect.addFlashAttribute("form", form);
			return "redirect:" + this.properties.getPath() + "#launch";
		}
	}

	@PostMapping("/executions/{id}/stop")
	String stop(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			as(request).stop(id);
			return "Stop requested: execution " + id + " stops at the end of its current chunk.";
		});
	}

	@PostMapping("/executions/{id}/restart")
	String restart(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			long restarted = as(request).restart(id);
			redirect.addFlashAttribute("message", "Restarted execution " + id + " as execution " + restarted + ".");
			return "redirect:" + this.properties.getPath() + "/executions/" + restarted;
		}
		catch (MaintenanceException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:" + this.properties.getPath() + "/executions/" + id;
		}
	}

	@PostMapping("/executions/{id}/abandon")
	String abandon(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			as(request).abandon(id);
			return "Execution " + id + " abandoned: its run can no longer be restarted.";
		});
	}

	@PostMapping("/executions/{id}/recover")
	String recover(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			as(request).recover(id);
			return "Execution " + id + " recovered: it is FAILED and can be restarted.";
		});
	}

	@GetMapping("/login")
	String login() {
		return VIEWS + "login";
	}

	// the facade recording what this request's user does; behind an authenticating proxy,
	// whoever it names
	private MastodonMaintenance as(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		String user = (principal != null) ? principal.getName()
				: (request.getRemoteUser() != null) ? request.getRemoteUser() : "unauthenticated";
		return this.operatorActions.by(this.maintenance, user + " (console, " + request.getRemoteAddr() + ")");
	}

	private String act(long id, RedirectAttributes redirect, Action action) {
		try {
			redirect.addFlashAttribute("message", action.run());
		}
		catch (MaintenanceException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + this.properties.getPath() + "/executions/" + id;
	}

	private ExecutionDetails details(long id) {
		return this.maintenance.execution(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No execution " + id));
	}

	// the other levels of the job are skipped steps of no interest in this run
	private static List<StepDetails> steps(ExecutionDetails details) {
		Set<Level> levels = details.summary().levels().isEmpty() ? EnumSet.allOf(Level.class)
				: details.summary().levels();
		return details.steps()
			.stream()
			.filter((step) -> step.level() == null || levels.contains(step.level()))
			.toList();
	}

	@FunctionalInterface
	private interface Action {

		String run();

	}

}
