package org.darkfigure.api;

import java.util.Set;
import org.darkfigure.access.ApiToken;
import org.darkfigure.access.AuditLog;
import org.darkfigure.access.Principal;
import org.darkfigure.access.Role;
import org.darkfigure.access.TokenRegistry;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.registry.Database;

/** {@code ./darkfigure token create|list|revoke}: the admin's tokens, straight in the registry (no server needed). */
public final class TokenCommand implements Command {

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "issue, list and revoke API tokens (admin; works on the registry directly)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure token create --role ROLE [--country ISO3] [--label TEXT] [--days N]
                       ./darkfigure token list
                       ./darkfigure token revoke TOKEN_ID

                Roles: submitter (bound to one member state: --country), researcher, viewer, admin.
                A token is 256 random bits, printed once by create; the registry keeps only its SHA-256.
                It expires after --days (default 90) and can be revoked at any time. The first admin token
                of a new installation is made here; later ones can also be made through POST /api/v1/tokens.
                Uses the registry of DARKFIGURE_DB_URL (default: the H2 file under DARKFIGURE_DATA).
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("role", "country", "label", "days");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.positional().isEmpty()) {
            throw new CommandLine.UsageException("say create, list or revoke");
        }
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        java.nio.file.Files.createDirectories(config.dataRoot());
        try (Database db = Database.open(config.database().url(), config.database().user(), config.database().password())) {
            TokenRegistry tokens = new TokenRegistry(db.dataSource());
            AuditLog audit = new AuditLog(db.dataSource());
            Principal operator = new Principal("cli:" + System.getProperty("user.name", "?"), Role.ADMIN, null, "command line");
            switch (args.positional().get(0)) {
                case "create" -> {
                    Role role = Role.parse(args.option("role").orElseThrow(
                            () -> new CommandLine.UsageException("--role is required (submitter, researcher, viewer, admin)")));
                    TokenRegistry.Issued issued = tokens.issue(role, args.option("country").orElse(null),
                            args.option("label").orElse(null), args.intOption("days", 90), operator.tokenId());
                    audit.record(operator, "token.create", issued.token().id(), "ok", role.label(), "cli");
                    System.out.println(issued.secret());
                    System.err.println("token " + issued.token().id() + " (" + issued.token().label() + "), expires "
                            + issued.token().expiresAt() + ". It is shown only now: store it safely.");
                    return 0;
                }
                case "list" -> {
                    System.out.printf("%-16s %-10s %-7s %-25s %-25s %s%n", "id", "role", "country", "expires", "revoked", "label");
                    for (ApiToken t : tokens.all()) {
                        System.out.printf("%-16s %-10s %-7s %-25s %-25s %s%n", t.id(), t.role().label(),
                                t.country() == null ? "" : t.country(), t.expiresAt(),
                                t.revokedAt() == null ? "" : t.revokedAt(), t.label());
                    }
                    return 0;
                }
                case "revoke" -> {
                    if (args.positional().size() != 2) {
                        throw new CommandLine.UsageException("give the token id to revoke (see token list)");
                    }
                    String id = args.positional().get(1);
                    boolean revoked = tokens.revoke(id);
                    audit.record(operator, "token.revoke", id, revoked ? "ok" : "not-found", null, "cli");
                    System.out.println(revoked ? "revoked " + id : "no active token " + id);
                    return revoked ? 0 : 1;
                }
                default -> throw new CommandLine.UsageException("unknown action '" + args.positional().get(0)
                        + "': create, list or revoke");
            }
        }
    }
}
