package dev.mastodonmaintenance.accounts;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mastodon's SSRF guard ({@code PrivateAddressCheck}): requests to loopback, private,
 * link-local, unique-local, multicast, documentation and other non-public addresses are
 * refused, unless the address is in the operator's {@code ALLOWED_PRIVATE_ADDRESSES}
 * list. A host name is refused when any address it resolves to is refused, as Mastodon
 * refuses on the first such address it tries.
 */
public final class PrivateAddressGuard {

	// Mastodon's CIDR list plus what Ruby's IPAddr#private?, #loopback? and #link_local?
	// cover.
	private static final List<Cidr> NON_PUBLIC = List
		.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
				"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
				"203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48",
				"100::/64", "2001::/32", "2001:10::/28", "2001:20::/28", "2001:db8::/32", "2002::/16", "3fff::/20",
				"fc00::/7", "fe80::/10", "ff00::/8")
		.stream()
		.map(Cidr::parse)
		.toList();

	private static final Pattern SEPARATORS = Pattern.compile("\\s*,\\s*|\\s+");

	private final List<Cidr> allowed;

	private PrivateAddressGuard(List<Cidr> allowed) {
		this.allowed = allowed;
	}

	/**
	 * A guard that allows no private address.
	 * @return the guard
	 */
	public static PrivateAddressGuard strict() {
		return new PrivateAddressGuard(List.of());
	}

	/**
	 * A guard with Mastodon's exceptions.
	 * @param allowedPrivateAddresses the value of {@code ALLOWED_PRIVATE_ADDRESSES}: IP
	 * addresses and CIDR ranges separated by commas or blanks; blank for none
	 * @return the guard
	 * @throws IllegalArgumentException naming an entry that is not an IP address or range
	 */
	public static PrivateAddressGuard allowing(String allowedPrivateAddresses) {
		String trimmed = allowedPrivateAddresses.strip();
		if (trimmed.isEmpty()) {
			return strict();
		}
		return new PrivateAddressGuard(Arrays.stream(SEPARATORS.split(trimmed)).map(Cidr::parse).toList());
	}

	/**
	 * Whether a request may go to this address.
	 * @param address a resolved address
	 * @return {@code false} for a non-public address that is not allowed explicitly
	 */
	public boolean permits(InetAddress address) {
		InetAddress native4 = nativeForm(address);
		return NON_PUBLIC.stream().noneMatch((cidr) -> cidr.contains(native4))
				|| this.allowed.stream().anyMatch((cidr) -> cidr.contains(native4));
	}

	/**
	 * Resolves a host and checks every address it has.
	 * @param host a host name or IP literal
	 * @return the addresses, all permitted
	 * @throws UnknownHostException when the host does not resolve
	 * @throws PrivateAddressException when one of its addresses is refused
	 */
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
		for (InetAddress address : addresses) {
			if (!permits(address)) {
				throw new PrivateAddressException(host, address);
			}
		}
		return addresses;
	}

	// Ruby's IPAddr#native: an IPv4-compatible IPv6 address (::a.b.c.d, not :: or ::1) is
	// checked as IPv4.
	// Java already turns IPv4-mapped addresses (::ffff:a.b.c.d) into Inet4Address.
	private static InetAddress nativeForm(InetAddress address) {
		if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
			byte[] bytes = v6.getAddress();
			byte[] v4 = Arrays.copyOfRange(bytes, 12, 16);
			boolean unspecifiedOrLoopback = v4[0] == 0 && v4[1] == 0 && v4[2] == 0 && (v4[3] == 0 || v4[3] == 1);
			if (!unspecifiedOrLoopback) {
				try {
					return InetAddress.getByAddress(v4);
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return address;
	}

	/**
	 * A request was refused because its host resolves to a non-public address.
	 */
	public static final class PrivateAddressException extends UnknownHostException {

		private static final long serialVersionUID = 1L;

		PrivateAddressException(String host, InetAddress address) {
			super("Refusing to connect to " + host + ": " + address.getHostAddress()
					+ " is a private address (add it to ALLOWED_PRIVATE_ADDRESSES to allow it)");
		}

	}

	/**
	 * An address range.
	 *
	 * @param network the network address
	 * @param prefixLength the number of leading bits that must match
	 */
	record Cidr(byte[] network, int prefixLength) {

		private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

		static Cidr parse(String text) {
			int slash = text.indexOf('/');
			String address = (slash >= 0) ? text.substring(0, slash) : text;
			byte[] network = literal(address, text);
			int bits = network.length * 8;
			int prefixLength;
			try {
				prefixLength = (slash >= 0) ? Integer.parseInt(text.substring(slash + 1)) : bits;
			}
			catch (NumberFormatException ex) {
				throw invalid(text);
			}
			if (prefixLength < 0 || prefixLength > bits) {
				throw invalid(text);
			}
			return new Cidr(network, prefixLength);
		}

		// Only literals: InetAddress.getByName would resolve anything else through DNS.
		private static byte[] literal(String address, String text) {
			if (IPV4.matcher(address).matches()) {
				String[] octets = address.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int octet = Integer.parseInt(octets[i]);
					if (octet > 255) {
						throw invalid(text);
					}
					bytes[i] = (byte) octet;
				}
				return bytes;
			}
			if (!address.contains(":")) {
				throw invalid(text);
			}
			try {
				return InetAddress.getByName(address).getAddress();
			}
			catch (UnknownHostException ex) {
				throw invalid(text);
			}
		}

		private static IllegalArgumentException invalid(String text) {
			return new IllegalArgumentException("ALLOWED_PRIVATE_ADDRESSES: '" + text
					+ "' is not an IP address or CIDR range (such as 10.0.0.5, 192.168.0.0/16 or fd00::/8)");
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixLength / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int remainingBits = this.prefixLength % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = (0xFF << (8 - remainingBits)) & 0xFF;
			return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

}
