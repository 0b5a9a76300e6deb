// The operator's commands of portal-server (everything but serving): agents, the companies'
// tier facts, catalog validation, backups, demo seeding. Each returns the process exit status.
#pragma once
#include "server_options.h"

namespace portal {

// Runs args.command (not "serve"); prints results on stdout and problems on stderr.
int run_ops_command(const Args& args);

}  // namespace portal
