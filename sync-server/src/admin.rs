//! `fieldbook-server admin …`: each command prints a short text for people or, with
//! `--json`, one JSON value with stable field names for scripts.

use serde::Serialize;

use crate::cli::{AdminCommand, TeamCommand, UserCommand};
use crate::storage::{NewUser, Storage};
use crate::ServerResult;

fn emit<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> ServerResult<()> {
    if json {
        let out = serde_json::to_string_pretty(value)
            .map_err(|e| crate::ServerError::Internal(e.to_string()))?;
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

/// Runs one admin command.
pub fn run(storage: &dyn Storage, command: AdminCommand, json: bool) -> ServerResult<()> {
    match command {
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
                .map_err(|e| crate::ServerError::invalid("password", e))?;
            let password = password.trim_end_matches(['\n', '\r']);
            if password.chars().count() < 10 {
                return Err(crate::ServerError::invalid(
                    "password",
                    "must be at least 10 characters",
                ));
            }
            let u = storage.set_password(user, &login, &crate::secrets::hash_password(password))?;
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
                format!(
                    "job seeker {} is now on the caseload of {} specialist(s)",
                    a.seeker_id,
                    a.specialists.len()
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
                        "{}  {:<16} user {} device {} doc {} {}",
                        r.at.format("%Y-%m-%d %H:%M:%S"),
                        r.action,
                        or_none(&r.user_id),
                        or_none(&r.device_id),
                        or_none(&r.doc_id),
                        r.hash.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
    }
}
