// Applies the local stack's SCRAM users and ACLs in one JVM, as the broker's
// super user. Run as a single-file source program (java 11+ compiles it in
// memory) over the stack's resolved Kafka jars:
//
//   java -cp '<lib>/kafka/*' StackSecurity.java <admin client properties> <spec>
//
// The spec has one entry per line (both idempotent on the broker):
//   user <name> <password>                                  SCRAM-SHA-512 credential
//   acl <principal> <resource type> <name> <pattern> <operation>   an ALLOW ACL, any host
// kafkajs cannot alter SCRAM credentials, hence Kafka's own admin client.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class StackSecurity {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (var in = Files.newInputStream(Path.of(args[0]))) {
      props.load(in);
    }
    List<UserScramCredentialAlteration> users = new ArrayList<>();
    List<AclBinding> acls = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] f = line.trim().split("\\s+");
      if (f[0].isEmpty() || f[0].startsWith("#")) continue;
      switch (f[0]) {
        case "user" -> users.add(new UserScramCredentialUpsertion(
            f[1], new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), f[2]));
        case "acl" -> acls.add(new AclBinding(
            new ResourcePattern(ResourceType.valueOf(f[2]), f[3], PatternType.valueOf(f[4])),
            new AccessControlEntry(f[1], "*", AclOperation.valueOf(f[5]), AclPermissionType.ALLOW)));
        default -> throw new IllegalArgumentException("unknown spec entry: " + f[0]);
      }
    }
    try (Admin admin = Admin.create(props)) {
      if (!users.isEmpty()) admin.alterUserScramCredentials(users).all().get();
      if (!acls.isEmpty()) admin.createAcls(acls).all().get();
    }
    System.out.println("applied " + users.size() + " users and " + acls.size() + " ACLs");
  }
}
