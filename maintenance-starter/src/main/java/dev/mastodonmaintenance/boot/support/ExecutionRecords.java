package dev.mastodonmaintenance.boot.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our own reads of the job repository's {@code BATCH_} tables, for what
 * {@code JobRepository} cannot do: filtered and paged lists across all executions, and
 * look-ups by parameter value. Every table name carries the configured prefix
 * ({@code <schema>.BATCH_}). The tables hold one row per execution, step or parameter of
 * our job only (a few per day), so filtering them is cheap; pages are cut on the primary
 * key.
 */
final class ExecutionRecords {

	private final JdbcTemplate jdbc;

	private final String prefix;

	private final ExecutionContextSerializer serializer;

	private final ZoneId zone = ZoneId.systemDefault();

	ExecutionRecords(JdbcTemplate jdbc, String tablePrefix, ExecutionContextSerializer serializer) {
		this.jdbc = jdbc;
		this.prefix = tablePrefix;
		this.serializer = serializer;
	}

	ExecutionPage page(ExecutionQuery query) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		// index: <prefix>job_execution_pkey (order and page), <prefix>job_instance_pkey
		// (join)
		Long total = this.jdbc.queryForObject(
				"SELECT count(*) FROM " + this.prefix + "JOB_EXECUTION e JOIN " + this.prefix
						+ "JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID" + where,
				Long.class, arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(query.size());
		paged.add((long) query.page() * query.size());
		List<Row> rows = this.jdbc
			.query("""
					SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, e.STATUS, e.EXIT_CODE, e.CREATE_TIME, e.START_TIME, e.END_TIME
					FROM %1$sJOB_EXECUTION e JOIN %1$sJOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					%2$s
					ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ? OFFSET ?"""
				.formatted(this.prefix, where), this::row, paged.toArray());
		return new ExecutionPage(summaries(rows), query.page(), query.size(), (total != null) ? total : 0);
	}

	Optional<ExecutionSummary> summary(long executionId) {
		List<Row> rows = this.jdbc.query("""
				SELECT JOB_EXECUTION_ID, JOB_INSTANCE_ID, STATUS, EXIT_CODE, CREATE_TIME, START_TIME, END_TIME
				FROM %sJOB_EXECUTION WHERE JOB_EXECUTION_ID = ?""".formatted(this.prefix), this::row, executionId);
		return summaries(rows).stream().findFirst();
	}

	/**
	 * The executions of the run launched at an instant, newest first: a schedule slot's
	 * run, whichever node launched it.
	 */
	List<Long> executionsLaunchedAt(Instant runAt) {
		// index: <prefix>job_execution_pkey; the parameters table is small (a dozen rows
		// per execution)
		return this.jdbc.queryForList("""
				SELECT p.JOB_EXECUTION_ID FROM %sJOB_EXECUTION_PARAMS p
				WHERE p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?
				ORDER BY p.JOB_EXECUTION_ID DESC""".formatted(this.prefix), Long.class, MaintenanceParameters.RUN_AT,
				runAt.toString());
	}

	/**
	 * The read count of a step the last time it completed (not skipped) in an execution
	 * other than one.
	 */
	Optional<Long> lastCompletedReadCount(String stepName, long exceptExecutionId) {
		// index: <prefix>step_execution_pkey (newest first)
		return this.jdbc.queryForList("""
				SELECT s.READ_COUNT FROM %sSTEP_EXECUTION s
				WHERE s.STEP_NAME = ? AND s.STATUS = 'COMPLETED' AND s.EXIT_CODE <> 'NOOP' AND s.JOB_EXECUTION_ID <> ?
				ORDER BY s.STEP_EXECUTION_ID DESC LIMIT 1""".formatted(this.prefix), Long.class, stepName,
				exceptExecutionId)
			.stream()
			.findFirst();
	}

	private String where(ExecutionQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder(" WHERE i.JOB_NAME = ?");
		arguments.add(MaintenanceJob.NAME);
		if (!query.statuses().isEmpty()) {
			where.append(" AND e.STATUS IN (")
				.append(String.join(", ", query.statuses().stream().map((status) -> "?").toList()))
				.append(")");
			query.statuses().forEach((status) -> arguments.add(status.name()));
		}
		if (query.from() != null) {
			where.append(" AND e.CREATE_TIME >= ?");
			arguments.add(Timestamp.valueOf(LocalDateTime.ofInstant(query.from(), this.zone)));
		}
		if (query.to() != null) {
			where.append(" AND e.CREATE_TIME < ?");
			arguments.add(Timestamp.valueOf(LocalDateTime.ofInstant(query.to(), this.zone)));
		}
		if (query.level() != null) {
			// a run without a levels parameter does them all
			where.append(" AND NOT EXISTS (SELECT 1 FROM " + this.prefix + "JOB_EXECUTION_PARAMS p"
					+ " WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ?"
					+ " AND btrim(coalesce(p.PARAMETER_VALUE, '')) <> ''"
					+ " AND strpos(',' || replace(p.PARAMETER_VALUE, ' ', '') || ',', ?) = 0)");
			arguments.add(MaintenanceParameters.LEVELS);
			arguments.add("," + query.level().stepName() + ",");
		}
		return where.toString();
	}

	private List<ExecutionSummary> summaries(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM "
					+ this.prefix + "JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ANY (?) ORDER BY PARAMETER_NAME");
			statement.setArray(1, array(ids));
			return statement;
		}, (ResultSet rs) -> {
			parameters.computeIfAbsent(rs.getLong(1), (id) -> new LinkedHashMap<>())
				.put(rs.getString(2), String.valueOf(rs.getString(3)));
		});
		Map<Long, List<StepFigures>> steps = new HashMap<>();
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement("SELECT s.JOB_EXECUTION_ID, s.STEP_NAME, "
					+ "coalesce(c.SERIALIZED_CONTEXT, c.SHORT_CONTEXT) FROM " + this.prefix + "STEP_EXECUTION s JOIN "
					+ this.prefix + "STEP_EXECUTION_CONTEXT c ON c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID "
					+ "WHERE s.JOB_EXECUTION_ID = ANY (?)");
			statement.setArray(1, array(ids));
			return statement;
		}, (ResultSet rs) -> {
			steps.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
				.add(new StepFigures(rs.getString(2), context(rs.getString(3))));
		});
		Map<Long, LevelFigures> totals = new HashMap<>();
		steps.forEach((id, ofExecution) -> totals.put(id, total(ofExecution)));
		return rows.stream().map((row) -> {
			Map<String, String> values = parameters.getOrDefault(row.id(), Map.of());
			return new ExecutionSummary(row.id(), row.instanceId(), row.status(), row.exitCode(), row.createTime(),
					row.startTime(), row.endTime(),
					MaintenanceParameters.knownLevels(values.get(MaintenanceParameters.LEVELS)),
					"true".equalsIgnoreCase(values.get(MaintenanceParameters.DRY_RUN)), values,
					totals.getOrDefault(row.id(), LevelFigures.NONE));
		}).toList();
	}

	// A partition's figures count until its level's step holds them summed.
	private static LevelFigures total(List<StepFigures> steps) {
		Set<Level> summed = steps.stream()
			.filter((step) -> !Level.isPartition(step.name()) && LevelPartition.summedIn(step.context()))
			.map((step) -> Level.ofExecutionName(step.name()))
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		return steps.stream()
			.filter((step) -> !Level.isPartition(step.name()) || !summed.contains(Level.ofExecutionName(step.name())))
			.map((step) -> LevelFigures.of(LevelReport.of(step.context())))
			.reduce(LevelFigures.NONE, LevelFigures::plus);
	}

	private Array array(Long[] ids) {
		Array array = this.jdbc
			.execute((ConnectionCallback<Array>) (connection) -> connection.createArrayOf("bigint", ids));
		if (array == null) {
			throw new IllegalStateException("No array from the JDBC driver");
		}
		return array;
	}

	ExecutionContext context(@Nullable String serialized) {
		if (serialized == null || serialized.isEmpty()) {
			return new ExecutionContext();
		}
		try {
			return new ExecutionContext(
					this.serializer.deserialize(new ByteArrayInputStream(serialized.getBytes(StandardCharsets.UTF_8))));
		}
		catch (IOException | RuntimeException ex) {
			// a context written by another version: the figures are unknown, not the
			// execution
			return new ExecutionContext();
		}
	}

	private Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getLong("JOB_EXECUTION_ID"), rs.getLong("JOB_INSTANCE_ID"),
				BatchStatus.valueOf(rs.getString("STATUS")), String.valueOf(rs.getString("EXIT_CODE")),
				Objects.requireNonNull(instant(rs.getTimestamp("CREATE_TIME"))), instant(rs.getTimestamp("START_TIME")),
				instant(rs.getTimestamp("END_TIME")));
	}

	@Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().atZone(this.zone).toInstant() : null;
	}

	@Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(this.zone).toInstant() : null;
	}

	private record StepFigures(String name, ExecutionContext context) {
	}

	private record Row(long id, long instanceId, BatchStatus status, String exitCode, Instant createTime,
			@Nullable Instant startTime, @Nullable Instant endTime) {
	}

}
