// TEMPORARY until the search branch merges.
