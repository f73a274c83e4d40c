# cerby-operator image. Multi-stage: the SDK builds, only the runtime ships. Docker cannot build on the machines this
# project is developed on (no engine); the file is kept correct for hosts that have one:
#   docker build -t cerby-operator:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY operator/Cerby.Operator.csproj operator/
RUN dotnet restore operator/Cerby.Operator.csproj
COPY operator/ operator/
RUN dotnet publish operator/Cerby.Operator.csproj -c Release -o /app --no-restore /p:UseAppHost=false

# Chiseled: no shell, no package manager, non-root (uid 1654) by default.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app ./
USER 1654:1654
ENTRYPOINT ["dotnet", "cerby-operator.dll"]
CMD ["--help"]
