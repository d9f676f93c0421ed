//! Flow diagrams: build-time SVG with one swimlane per role.
