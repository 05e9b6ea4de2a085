//! The screens' tests, one binary: each module is one screen or concern, on real store files
//! and, where sync is involved, a real `fieldbook-server` on loopback. One binary rather than
//! one per file, because every test binary links the whole core: fewer links, a smaller build
//! on CI's disk.

mod support;

mod caseload;
mod catalogues;
mod coded_refusals;
mod contact_edit;
mod edit_forms;
mod employers;
mod enrollment_typing;
mod errors;
mod hostile_links;
mod kept_visit_draft;
mod record_forms;
mod reminders;
mod seeker;
mod sign_out;
mod status_form;
mod sync_report;
mod sync_screens;
mod visit_form;
mod week;
