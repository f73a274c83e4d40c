# cerby-operator image. Multi-stage: the SDK builds, only the runtime ships.
#   docker build -t cerby-operator:dev .
# The base images are build arguments, so a host without access to the official images can pass images it made itself
# (tests/container/run.sh does: Debian plus the host's .NET, the NuGet packages restored on the host, no network).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
# The project files first (one per architectural part), so the restore layer is reused while they are unchanged.
COPY operator/Directory.Build.props operator/Cerby.Operator.csproj operator/
COPY operator/Runtime/Cerby.Operator.Runtime.csproj operator/Runtime/
COPY operator/Resources/Cerby.Operator.Resources.csproj operator/Resources/
COPY operator/Planning/Cerby.Operator.Planning.csproj operator/Planning/
COPY operator/Identity/Cerby.Operator.Identity.csproj operator/Identity/
COPY operator/Connectors/Cerby.Operator.Connectors.csproj operator/Connectors/
COPY operator/ScimProtocol/Cerby.Operator.ScimProtocol.csproj operator/ScimProtocol/
COPY operator/HttpEdge/Cerby.Operator.HttpEdge.csproj operator/HttpEdge/
RUN dotnet restore operator/Cerby.Operator.csproj
COPY operator/ operator/
RUN dotnet publish operator/Cerby.Operator.csproj -c Release -o /app --no-restore /p:UseAppHost=false

# Chiseled: no shell, no package manager, non-root (uid 1654) by default.
FROM ${RUNTIME_IMAGE} AS final
WORKDIR /app
COPY --from=build /app ./
USER 1654:1654
ENTRYPOINT ["dotnet", "cerby-operator.dll"]
CMD ["--help"]
