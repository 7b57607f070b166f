package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.boot.ExecutionQuery;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check option values while the command line is parsed, before the
 * application starts, with tootctl's words where tootctl has some. The parser names the
 * option in front of the message.
 */
final class OptionValues {

	private OptionValues() {
	}

	/**
	 * A whole number of at least {@code min}.
	 * @param value what was typed
	 * @param min the smallest value accepted
	 * @param below the message for a whole number below {@code min}
	 * @return the number
	 * @throws TypeConversionException when it is not one
	 */
	static int wholeNumber(String value, int min, String below) {
		int parsed;
		try {
			parsed = Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new TypeConversionException("must be a whole number >= " + min);
		}
		if (parsed < min) {
			throw new TypeConversionException(below);
		}
		return parsed;
	}

	/**
	 * {@code --concurrency}, checked as tootctl checks it.
	 */
	static final class Concurrency implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return wholeNumber(value, 1, "Cannot run with this concurrency setting, must be at least 1");
		}

	}

	/**
	 * {@code --batch-size}, checked as tootctl's {@code statuses remove} checks it.
	 */
	static final class BatchSize implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return wholeNumber(value, 1, "Cannot run with this batch_size setting, must be at least 1");
		}

	}

	/**
	 * Executions per page of {@code executions}, as many as one query may ask for.
	 */
	static final class PageSize implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			int size = wholeNumber(value, 1, "must be a whole number >= 1");
			if (size > ExecutionQuery.MAX_SIZE) {
				throw new TypeConversionException("must be at most " + ExecutionQuery.MAX_SIZE);
			}
			return size;
		}

	}

	/**
	 * A position from 0, such as a page number.
	 */
	static final class AtLeastZero implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return wholeNumber(value, 0, "must be a whole number >= 0");
		}

	}

}
