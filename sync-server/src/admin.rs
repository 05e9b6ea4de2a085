//! `fieldbook-server admin …`: each command prints a short text for people or, with
//! `--json`, one JSON value with stable field names for scripts.

use clap::Subcommand;
use fieldbook_core::ids::{DeviceId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use serde::Serialize;

use crate::service::accounts::NewUser;
use crate::service::Service;
use crate::{ServerError, ServerResult};

#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    /// Print JSON instead of text (stable field names, for scripts).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Teams: `team add NAME`, `team list`.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Accounts: `user add …`, `user list`.
    #[command(subcommand)]
    User(UserCommand),
    /// Put a job seeker on a specialist's caseload.
    ///
    /// Example: fieldbook-server admin assign --seeker 5f0c… --specialist 9a1e… --replace
    Assign {
        #[arg(long)]
        seeker: SeekerId,
        #[arg(long)]
        specialist: UserId,
        /// Take the job seeker off every other specialist's caseload (their phones remove
        /// the record at their next sync).
        #[arg(long)]
        replace: bool,
    },
    /// Take a job seeker off a specialist's caseload.
    Unassign {
        #[arg(long)]
        seeker: SeekerId,
        #[arg(long)]
        specialist: UserId,
    },
    /// Make a one-time enrollment code for a user's new phone.
    ///
    /// Example: fieldbook-server admin enroll-code --user 9a1e… --ttl-hours 48
    EnrollCode {
        #[arg(long)]
        user: UserId,
        /// Hours until the code expires.
        #[arg(long, default_value_t = 72)]
        ttl_hours: i64,
    },
    /// List enrolled phones.
    Devices,
    /// Revoke a phone: it is refused from now on and erases its data at its next sync.
    Revoke {
        #[arg(long)]
        device: DeviceId,
    },
    /// The newest lines of the audit log.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Copy this server's SQLite database into an empty PostgreSQL database, then count and
    /// digest every table in both (exits non-zero on any difference). Stop the server first;
    /// phones keep their enrollment (tokens, cursors and feed numbers are carried over).
    ///
    /// Example: fieldbook-server admin migrate --from ./fieldbook-data --to postgres://fieldbook@db/fieldbook
    Migrate {
        /// The SQLite server's data directory.
        #[arg(long)]
        from: std::path::PathBuf,
        /// The PostgreSQL database (empty; its tables are made if missing).
        #[arg(long)]
        to: String,
    },
    /// Check that every stored document loads; with --repair, set the changes that break a
    /// document aside (kept in quarantine, never deleted) so it loads again. Exits non-zero
    /// while damaged documents remain.
    Check {
        #[arg(long)]
        repair: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Example: fieldbook-server admin team add "Riverbend IPS"
    Add {
        name: String,
    },
    List,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Example: fieldbook-server admin user add --team 3c2b… --name "Ana Ruiz" --role specialist
    Add {
        #[arg(long)]
        team: TeamId,
        #[arg(long)]
        name: String,
        /// specialist, supervisor, seeker or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// For a job seeker's account: the id of their record.
        #[arg(long)]
        seeker: Option<SeekerId>,
    },
    List,
    /// Give a supervisor or admin a web sign-in; the password is read from standard input.
    ///
    /// Example: echo 'a long passphrase' | fieldbook-server admin user password --user 9a1e… --login dana
    Password {
        #[arg(long)]
        user: UserId,
        #[arg(long)]
        login: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "expected specialist, supervisor, seeker or admin".to_string())
}

fn emit<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> ServerResult<()> {
    if json {
        let out = serde_json::to_string_pretty(value)
            .map_err(|e| ServerError::Internal(e.to_string()))?;
        println!("{out}");
    } else {
        println!("{}", text(value));
    }
    Ok(())
}

fn or_none(s: &Option<impl ToString>) -> String {
    s.as_ref()
        .map(|v| v.to_string())
        .unwrap_or_else(|| "-".into())
}

/// Runs one admin command; `open` opens the service (`migrate` works without one).
pub fn run(
    open: &dyn Fn() -> ServerResult<Service>,
    command: AdminCommand,
    json: bool,
) -> ServerResult<()> {
    if let AdminCommand::Migrate { from, to } = &command {
        return migrate(from, to, json);
    }
    let storage = &open()?;
    match command {
        AdminCommand::Migrate { .. } => unreachable!("handled above"),
        AdminCommand::Team(TeamCommand::Add { name }) => {
            let team = storage.add_team(&name)?;
            emit(json, &team, |t| {
                format!("team {} created: {}", t.name, t.id)
            })
        }
        AdminCommand::Team(TeamCommand::List) => emit(json, &storage.teams()?, |teams| {
            teams
                .iter()
                .map(|t| format!("{}  {}", t.id, t.name))
                .collect::<Vec<_>>()
                .join("\n")
        }),
        AdminCommand::User(UserCommand::Add {
            team,
            name,
            role,
            seeker,
        }) => {
            let user = storage.add_user(&NewUser {
                team_id: team,
                name,
                role,
                seeker_id: seeker,
            })?;
            emit(json, &user, |u| {
                format!("{} {} added: {}", u.role.as_str(), u.name, u.id)
            })
        }
        AdminCommand::User(UserCommand::Password { user, login }) => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .map_err(|e| ServerError::invalid("password", e))?;
            let password = password.trim_end_matches(['\n', '\r']);
            let u = storage.set_password(user, &login, password)?;
            let value = serde_json::json!({"user_id": u.id, "login": login.trim().to_lowercase(), "name": u.name});
            emit(json, &value, |_| {
                format!(
                    "{} can now sign in to the web pages as {}",
                    u.name,
                    login.trim().to_lowercase()
                )
            })
        }
        AdminCommand::User(UserCommand::List) => emit(json, &storage.users()?, |users| {
            users
                .iter()
                .map(|u| format!("{}  {:<10}  {}", u.id, u.role.as_str(), u.name))
                .collect::<Vec<_>>()
                .join("\n")
        }),
        AdminCommand::Assign {
            seeker,
            specialist,
            replace,
        } => {
            let now_assigned = storage.assign(seeker, specialist, replace)?;
            #[derive(Serialize)]
            struct Assigned {
                seeker_id: fieldbook_core::ids::SeekerId,
                specialists: Vec<fieldbook_core::ids::UserId>,
            }
            let value = Assigned {
                seeker_id: seeker,
                specialists: now_assigned,
            };
            emit(json, &value, |a| {
                let n = a.specialists.len();
                let whose = if n == 1 { "specialist" } else { "specialists" };
                format!(
                    "job seeker {} is now on the caseload of {n} {whose}",
                    a.seeker_id
                )
            })
        }
        AdminCommand::Unassign { seeker, specialist } => {
            storage.unassign(seeker, specialist)?;
            let value = serde_json::json!({"seeker_id": seeker, "specialist": specialist, "unassigned": true});
            emit(json, &value, |_| {
                format!("job seeker {seeker} taken off {specialist}'s caseload")
            })
        }
        AdminCommand::EnrollCode { user, ttl_hours } => {
            let code = storage.add_enroll_code(user, chrono::Duration::hours(ttl_hours))?;
            emit(json, &code, |c| {
                format!(
                    "enrollment code {} (one phone, expires {})",
                    c.code,
                    c.expires_at.format("%Y-%m-%d %H:%M UTC")
                )
            })
        }
        AdminCommand::Devices => emit(json, &storage.devices()?, |devices| {
            devices
                .iter()
                .map(|d| {
                    format!(
                        "{}  {:<20} {:<24} last sync {}{}",
                        d.id,
                        d.user_name,
                        d.name,
                        or_none(&d.last_sync_at.map(|t| t.format("%Y-%m-%d %H:%M"))),
                        if d.revoked_at.is_some() {
                            "  REVOKED"
                        } else {
                            ""
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
        AdminCommand::Revoke { device } => {
            let d = storage.revoke(device)?;
            emit(json, &d, |d| {
                format!(
                    "device {} ({}) revoked; it will erase its data at its next sync",
                    d.name, d.user_name
                )
            })
        }
        AdminCommand::Audit { limit } => emit(json, &storage.audit(limit)?, |rows| {
            rows.iter()
                .map(|r| {
                    format!(
                        "{}  {:<16} user {} device {} doc {} {}{}",
                        r.at.format("%Y-%m-%d %H:%M:%S"),
                        r.action,
                        or_none(&r.user_id),
                        or_none(&r.device_id),
                        or_none(&r.doc_id),
                        r.hash.as_deref().unwrap_or(""),
                        r.detail
                            .as_deref()
                            .map(|d| format!(" ({d})"))
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
        AdminCommand::Check { repair } => {
            let report = storage.check_documents(repair)?;
            emit(json, &report, |r| {
                let mut lines = vec![format!(
                    "{} documents checked, {} damaged",
                    r.checked,
                    r.damaged.len()
                )];
                for d in &r.damaged {
                    lines.push(format!(
                        "{} document {}: {}; {} change(s) {}",
                        d.kind.as_str(),
                        d.id,
                        d.problem,
                        d.quarantined.len(),
                        if d.repaired {
                            "quarantined, document repaired"
                        } else {
                            "would be quarantined (run with --repair)"
                        }
                    ));
                }
                lines.join("\n")
            })?;
            if report.damaged.iter().any(|d| !d.repaired) {
                return Err(ServerError::Invalid {
                    field: "check",
                    reason: format!(
                        "{} damaged document(s) left",
                        report.damaged.iter().filter(|d| !d.repaired).count()
                    ),
                });
            }
            Ok(())
        }
    }
}

/// `admin migrate`: the copy, and a line per table comparing the two databases.
fn migrate(from: &std::path::Path, to: &str, json: bool) -> ServerResult<()> {
    if !crate::db::postgres::is_url(to) {
        return Err(ServerError::invalid(
            "to",
            format!(
                "{} is not a PostgreSQL URL (postgres://USER@HOST/DB)",
                crate::db::postgres::redact(to)
            ),
        ));
    }
    let report = crate::db::copy::sqlite_to_postgres(from, to)?;
    emit(json, &report, |r| {
        let mut lines = vec![format!(
            "{:<16} {:>12} {:>12}  {}",
            "table", "SQLite rows", "PostgreSQL", "digest"
        )];
        for t in &r.tables {
            lines.push(format!(
                "{:<16} {:>12} {:>12}  {}",
                t.table,
                t.source_rows,
                t.target_rows,
                if t.same() {
                    format!("same ({})", &t.target_digest[..12])
                } else {
                    format!(
                        "DIFFERENT (SQLite {}, PostgreSQL {})",
                        &t.source_digest[..12],
                        &t.target_digest[..12]
                    )
                }
            ));
        }
        if r.differing().is_empty() {
            lines.push(format!(
                "{} rows in {} tables copied to {}; every table has the same rows in both",
                r.rows(),
                r.tables.len(),
                crate::db::postgres::redact(to)
            ));
        }
        lines.join("\n")
    })?;
    let differing = report.differing();
    if !differing.is_empty() {
        return Err(ServerError::Invalid {
            field: "migrate",
            reason: format!(
                "the copy differs from the original in: {}",
                differing.join(", ")
            ),
        });
    }
    Ok(())
}
