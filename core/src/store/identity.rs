//! Who this phone is: its Automerge actor (made here, at first open, so work done before
//! enrollment is already authored by this device) and, once enrolled, the device, person,
//! role and server it belongs to.

use automerge::ActorId;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, TeamId, UserId};
use crate::model::Role;
use crate::{Error, Result};

/// This phone's identity. The token is kept apart and never leaves the store except to
/// authenticate a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The Automerge actor (hex) that authors every change made here.
    pub actor: String,
    pub device_id: Option<DeviceId>,
    pub user_id: Option<UserId>,
    pub user_name: Option<String>,
    pub role: Option<Role>,
    pub team_id: Option<TeamId>,
    pub server_url: Option<String>,
}

impl Identity {
    /// Whether the phone has enrolled with a server.
    pub fn is_enrolled(&self) -> bool {
        self.device_id.is_some()
    }

    pub(crate) fn actor_id(&self) -> Result<ActorId> {
        hex::decode(&self.actor)
            .map(|b| ActorId::from(b.as_slice()))
            .map_err(|e| Error::malformed("stored actor", e))
    }
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, v],
        )?,
        None => conn.execute("DELETE FROM meta WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// The stored identity; a new actor is made the first time.
pub(crate) fn load_or_create(conn: &Connection) -> Result<Identity> {
    let actor = match get(conn, "actor")? {
        Some(a) => a,
        None => {
            let a = hex::encode(uuid::Uuid::new_v4().as_bytes());
            set(conn, "actor", Some(&a))?;
            a
        }
    };
    let parse = |key: &str| -> Result<Option<uuid::Uuid>> {
        get(conn, key)?
            .map(|v| {
                v.parse()
                    .map_err(|e| Error::malformed(format!("stored {key}"), e))
            })
            .transpose()
    };
    Ok(Identity {
        actor,
        device_id: parse("device_id")?.map(DeviceId),
        user_id: parse("user_id")?.map(UserId),
        user_name: get(conn, "user_name")?,
        role: get(conn, "role")?.as_deref().and_then(Role::parse),
        team_id: parse("team_id")?.map(TeamId),
        server_url: get(conn, "server_url")?,
    })
}

/// Records an enrollment.
pub(crate) fn save(conn: &Connection, id: &Identity, token: &str) -> Result<()> {
    set(
        conn,
        "device_id",
        id.device_id.map(|d| d.to_string()).as_deref(),
    )?;
    set(
        conn,
        "user_id",
        id.user_id.map(|d| d.to_string()).as_deref(),
    )?;
    set(conn, "user_name", id.user_name.as_deref())?;
    set(conn, "role", id.role.map(|r| r.as_str()))?;
    set(
        conn,
        "team_id",
        id.team_id.map(|d| d.to_string()).as_deref(),
    )?;
    set(conn, "server_url", id.server_url.as_deref())?;
    set(conn, "token", Some(token))?;
    Ok(())
}

/// The device token, if enrolled.
pub(crate) fn token(conn: &Connection) -> Result<Option<String>> {
    get(conn, "token")
}

/// A stored setting (feed cursor, goals…).
pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    get(conn, key)
}
