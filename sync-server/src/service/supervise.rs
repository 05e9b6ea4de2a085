//! What a supervisor may do to their own team's phones from the web page: see every phone of
//! the team, revoke a lost one (it is told to wipe itself at its next contact) and make a
//! one-time enrollment code for a member of the team. Nothing here reaches another team:
//! another team's phone or account answers "not found", as one that does not exist would.
//! Both actions are audited with the supervisor's name (see `accounts`).

use chrono::{DateTime, Duration, Utc};
use fieldbook_core::ids::{DeviceId, UserId};
use fieldbook_core::model::Role;
use serde::Serialize;

use super::accounts::EnrollCode;
use super::Service;
use crate::db::{DeviceRow, UserRow};
use crate::{ServerError, ServerResult};

/// How long a code made on the web page stays valid.
pub const WEB_CODE_HOURS: i64 = 48;

/// A member of the team and their phones.
#[derive(Debug, Clone, Serialize)]
pub struct MemberPhones {
    pub user_id: UserId,
    pub name: String,
    pub role: Role,
    pub phones: Vec<Phone>,
}

/// One enrolled phone.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    pub device_id: DeviceId,
    pub name: String,
    pub enrolled_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<DeviceRow> for Phone {
    fn from(d: DeviceRow) -> Phone {
        Phone {
            device_id: d.id,
            name: d.name,
            enrolled_at: d.enrolled_at,
            last_sync_at: d.last_sync_at,
            revoked_at: d.revoked_at,
        }
    }
}

fn supervisor(viewer: &UserRow) -> ServerResult<()> {
    if viewer.role != Role::Supervisor {
        return Err(ServerError::Forbidden(
            "the team's phones are managed by its supervisors here (admins: fieldbook-server admin)"
                .into(),
        ));
    }
    Ok(())
}

impl Service {
    /// The viewer's team: staff first, then job seekers, each with their phones (newest
    /// first).
    pub fn team_phones(&self, viewer: &UserRow) -> ServerResult<Vec<MemberPhones>> {
        supervisor(viewer)?;
        let view = self.read()?;
        let mut members: Vec<MemberPhones> = view
            .team_users(viewer.team_id)?
            .into_iter()
            .filter(|u| u.role != Role::Admin)
            .map(|u| MemberPhones {
                user_id: u.id,
                name: u.name,
                role: u.role,
                phones: Vec::new(),
            })
            .collect();
        for device in view.devices()? {
            if let Some(m) = members.iter_mut().find(|m| m.user_id == device.user_id) {
                m.phones.push(device.into());
            }
        }
        for m in &mut members {
            m.phones.sort_by_key(|p| std::cmp::Reverse(p.enrolled_at));
        }
        let rank = |r: Role| match r {
            Role::Supervisor => 0,
            Role::Specialist => 1,
            _ => 2,
        };
        members.sort_by(|a, b| (rank(a.role), &a.name).cmp(&(rank(b.role), &b.name)));
        Ok(members)
    }

    /// Revokes one of the team's phones.
    pub fn supervisor_revoke(&self, viewer: &UserRow, device: DeviceId) -> ServerResult<Phone> {
        supervisor(viewer)?;
        Ok(self.revoke_by(device, Some(viewer))?.into())
    }

    /// A one-time code enrolling a phone for `user`, a member of the viewer's team, valid
    /// [`WEB_CODE_HOURS`].
    pub fn supervisor_enroll_code(
        &self,
        viewer: &UserRow,
        user: UserId,
    ) -> ServerResult<EnrollCode> {
        supervisor(viewer)?;
        self.enroll_code_by(user, Duration::hours(WEB_CODE_HOURS), Some(viewer))
    }
}
