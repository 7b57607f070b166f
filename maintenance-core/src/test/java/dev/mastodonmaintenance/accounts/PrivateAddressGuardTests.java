package dev.mastodonmaintenance.accounts;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSRF guard: Mastodon's list of non-public addresses is refused, public ones pass,
 * and {@code ALLOWED_PRIVATE_ADDRESSES} opens exactly what it names.
 */
class PrivateAddressGuardTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "100.64.0.1", "0.0.0.0", "192.0.2.10", "198.18.0.1", "224.0.0.1", "240.0.0.1",
			"255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1",
			"64:ff9b::a00:1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::10.1.2.3", "2002::1" })
	void nonPublicAddressesAreRefused(String address) throws UnknownHostException {
		assertThat(PrivateAddressGuard.strict().permits(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "93.184.216.34", "1.1.1.1", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8" })
	void publicAddressesPass(String address) throws UnknownHostException {
		assertThat(PrivateAddressGuard.strict().permits(InetAddress.getByName(address))).isTrue();
	}

	@Test
	void allowedPrivateAddressesOpenWhatTheyName() throws UnknownHostException {
		PrivateAddressGuard guard = PrivateAddressGuard.allowing("127.0.0.1, 10.1.0.0/16 fd00::/8");
		assertThat(guard.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(guard.permits(InetAddress.getByName("127.0.0.2"))).isFalse();
		assertThat(guard.permits(InetAddress.getByName("10.1.200.3"))).isTrue();
		assertThat(guard.permits(InetAddress.getByName("10.2.0.1"))).isFalse();
		assertThat(guard.permits(InetAddress.getByName("fd12::1"))).isTrue();
		assertThat(guard.permits(InetAddress.getByName("fc00::1"))).isFalse();
	}

	@Test
	void blankSettingAllowsNothing() throws UnknownHostException {
		assertThat(PrivateAddressGuard.allowing("  ").permits(InetAddress.getByName("127.0.0.1"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "10.0.0.0/33", "300.1.1.1", "10.0.0.1/x", "fd00::/129" })
	void malformedEntriesAreNamed(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> PrivateAddressGuard.allowing("127.0.0.1," + entry))
			.withMessageContaining("ALLOWED_PRIVATE_ADDRESSES")
			.withMessageContaining(entry);
	}

	@Test
	void hostsAreRefusedWhenTheyResolveToARefusedAddress() {
		assertThatThrownBy(() -> PrivateAddressGuard.strict().resolve("localhost"))
			.isInstanceOf(PrivateAddressGuard.PrivateAddressException.class)
			.hasMessageContaining("localhost")
			.hasMessageContaining("ALLOWED_PRIVATE_ADDRESSES");
	}

}
