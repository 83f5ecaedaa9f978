#!/usr/bin/env bash
# Runs the whole JinGong system: installs what is missing, builds, and starts the AppHost, which brings
# up PostgreSQL, RabbitMQ, the four services and the gateway, and prints the dashboard and gateway
# addresses once everything is healthy. Stop it with Ctrl+C or SIGTERM; nothing is left running.
#
#   scripts/run.sh                       # Infra=auto: containers if a Docker engine answers, else local packages
#   scripts/run.sh --Infra=local         # any AppHost setting can be given this way
#   scripts/run.sh --GatewayPort=8080
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-prerequisites.sh
# Release, as users run it and as the benchmark measures it (the services start from their Release builds too).
dotnet build JinGong.AppHost/JinGong.AppHost.csproj -c Release --nologo -clp:ErrorsOnly
exec dotnet run --project JinGong.AppHost -c Release --launch-profile http --no-build -- "$@"
