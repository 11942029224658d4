package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SshIdentityTest {

    @Test
    void keysPropertiesLineCarriesTheOpenSshBlobAndTheAdminGroup() throws Exception {
        SshIdentity id = SshIdentity.generate("itest");
        assertThat(id.keysPropertiesLine()).matches("itest=AAAA[A-Za-z0-9+/=]+,_g_:admingroup");
        assertThat(id.openSshPublicKey()).startsWith("ecdsa-sha2-nistp256 " + id.publicKeyBlob());

        // The blob is what Karaf's PublickeyLoginModule decodes: string type, string curve, string Q.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(id.publicKeyBlob())));
        assertThat(readString(in)).isEqualTo("ecdsa-sha2-nistp256");
        assertThat(readString(in)).isEqualTo("nistp256");
        byte[] q = new byte[in.readInt()];
        in.readFully(q);
        assertThat(q).hasSize(65);
        assertThat(q[0]).isEqualTo((byte) 4);   // uncompressed point
        assertThat(in.available()).isZero();
    }

    @Test
    void addsTheGroupLineOnlyWhenMissing() {
        SshIdentity id = SshIdentity.generate("itest");
        assertThat(id.keysPropertiesLines(true)).hasSize(1);
        assertThat(id.keysPropertiesLines(false)).last()
                .isEqualTo("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
    }

    private static String readString(DataInputStream in) throws Exception {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.US_ASCII);
    }
}
