//! Announcements (F3.5): being written.
