// The shared test support (clock, stores, scripted backend, subprocess runner, tmux driver,
// request signing, tier tags), visible in every file of this target.
@_exported import RootmailTestSupport
