//! Search: a build-time index of the site, split into shards that the
//! browser loads with `<script>` tags.
