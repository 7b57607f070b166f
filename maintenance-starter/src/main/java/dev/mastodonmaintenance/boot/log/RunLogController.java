package dev.mastodonmaintenance.boot.log;

import java.security.Principal;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.console.ConsoleFormat;
import dev.mastodonmaintenance.boot.console.ConsoleProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's page of an execution's log, under the console's path and its sign-in.
 */
@Controller
@RequestMapping("${mastodon.maintenance.console.path:/maintenance}")
class RunLogController {

	private final MastodonMaintenance maintenance;

	private final RunLog log;

	private final ConsoleProperties properties;

	RunLogController(MastodonMaintenance maintenance, RunLog log, ConsoleProperties properties) {
		this.maintenance = maintenance;
		this.log = log;
		this.properties = properties;
	}

	@GetMapping("/executions/{id}/log")
	String log(@PathVariable("id") long id, Model model, @Nullable Principal principal) {
		model.addAttribute("execution",
				this.maintenance.execution(id)
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No execution " + id))
					.summary());
		model.addAttribute("lines", this.log.of(id));
		model.addAttribute("maxLines", RunLog.MAX_LINES);
		model.addAttribute("base", this.properties.getPath());
		model.addAttribute("fmt", new ConsoleFormat());
		model.addAttribute("user", (principal != null) ? principal.getName() : null);
		model.addAttribute("notice", this.properties.getNotice());
		return "mastodon-maintenance/run-log";
	}

}
