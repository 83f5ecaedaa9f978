#!/usr/bin/env bash
# The deployable artifact (docs/deploy.md): every service published (Release), the AppHost's manifest, and the
# Kubernetes base generated from it, rendered with kubectl's kustomize and checked (replicas, probes, resources).
# Needs no container engine and no cluster.
#
#   scripts/deploy-artifacts.sh                 # into artifacts/deploy/
#   scripts/deploy-artifacts.sh /some/folder
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-artifacts/deploy}
rm -rf "$out"
mkdir -p "$out/publish"

for project in services/*/JinGong.*/JinGong.*.csproj gateway/JinGong.Gateway/JinGong.Gateway.csproj; do
  name=$(basename "$project" .csproj)
  name=${name#JinGong.}
  echo "Publishing ${name,,}..."
  dotnet publish "$project" -c Release -o "$out/publish/${name,,}" --nologo -v quiet -clp:ErrorsOnly
done

dotnet build JinGong.AppHost/JinGong.AppHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tools/JinGong.Deploy/JinGong.Deploy.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
# The containers' shape (Aspire's PostgreSQL and RabbitMQ), without the demo company or the local backup.
dotnet JinGong.AppHost/bin/Release/net10.0/JinGong.AppHost.dll --publisher manifest --output-path "$out/aspire-manifest.json" \
  --Infra=containers --Simulator:Enabled=false --Backup:Enabled=false >/dev/null
deploy=tools/JinGong.Deploy/bin/Release/net10.0/JinGong.Deploy.dll
dotnet "$deploy" base "$out/aspire-manifest.json" "$out/k8s"
kubectl kustomize "$out/k8s" > "$out/jingong.yaml"
dotnet "$deploy" check "$out/jingong.yaml"
echo "Published services in $out/publish, the manifest in $out/aspire-manifest.json, the Kubernetes base in $out/k8s (rendered: $out/jingong.yaml)."
