# reminders
