using Cerby.Operator.Observability;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using Cerby.Operator.Runtime.Objects;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cerby.Operator.Hosting;

/// <summary>
/// Wires the operator process: the Kubernetes client, informers of the four kinds, the controllers (behind leader election
/// unless it is off), the writers controllers use (status, finalizers, events), and one HTTP port for /healthz, /readyz and
/// /metrics. Stopping the host stops the controllers (in-flight reconciles finish), releases the Lease, then the informers.
/// </summary>
internal static class OperatorHost
{
    /// <summary>The product token of the operator's User-Agent on Kubernetes API calls.</summary>
    public const string UserAgentProduct = "cerby-operator";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <param name="controllers">Builds the controllers from the services (informers, writers, recorder).</param>
    /// <param name="electionTimings">Lease timings; those of <paramref name="options"/> when null (tests shorten them).</param>
    public static WebApplication Build(
        OperatorOptions options,
        KubernetesClientConfiguration cluster,
        Func<IServiceProvider, IEnumerable<Controller>> controllers,
        LeaderElectionOptions? electionTimings = null) =>
        Build(options, cluster, services => services.AddSingleton(sp => new ControllerSet([.. controllers(sp)])), _ => { }, electionTimings);

    /// <param name="register">Registers what runs while leading: a <see cref="ControllerSet"/> singleton and its dependencies.</param>
    /// <param name="map">Maps extra HTTP endpoints on the operator's port (inbound SCIM, event hooks).</param>
    /// <param name="electionTimings">Lease timings; those of <paramref name="options"/> when null (tests shorten them).</param>
    public static WebApplication Build(
        OperatorOptions options,
        KubernetesClientConfiguration cluster,
        Action<IServiceCollection> register,
        Action<WebApplication> map,
        LeaderElectionOptions? electionTimings = null)
    {
        if (!OperatorAddress.TryParse(options.Address, out var endPoint))
        {
            throw new ArgumentException($"--address must be host:port, got \"{options.Address}\"", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endPoint));
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        // "Not ready" before the informers sync is normal and /readyz says it; the health service would log it as an error.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        // Named like client-go's agents, so API server audit logs (and the RBAC coverage test) can tell the operator's calls apart.
        cluster.UserAgent = $"{UserAgentProduct}/{typeof(OperatorHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";
        services.AddSingleton<IKubernetes>(_ => new Kubernetes(cluster));
        services.AddSingleton(sp => OperatorInformers.Create(
            sp.GetRequiredService<IKubernetes>(), options.Namespaces, new InformerOptions { ResyncInterval = options.ResyncInterval },
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), options.HubSelector));
        services.AddSingleton<SecretRedactor>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<FinalizerWriter>();
        services.AddSingleton(new EventRecorderOptions { ReportingInstance = options.PodName });
        services.AddSingleton<EventRecorder>();
        register(services);
        RedactingLoggerFactory.Install(services); // after every provider, so all of them get redacted lines

        // Informers first: hosted services stop in reverse order, so the controllers stop before the caches they read.
        services.AddHostedService<InformersService>();
        if (options.LeaderElection)
        {
            var election = (electionTimings ?? new LeaderElectionOptions
            {
                LeaseNamespace = "", LeaseName = "", Identity = "",
                LeaseDuration = options.LeaseDuration, RenewDeadline = options.RenewDeadline, RetryPeriod = options.RetryPeriod,
            }) with
            {
                LeaseNamespace = options.LeaseNamespace,
                LeaseName = options.LeaseName,
                Identity = $"{options.PodName}_{Guid.NewGuid():N}",
            };
            services.AddSingleton(election);
            services.AddSingleton<LeadershipState>();
            services.AddHostedService<LeaderElectionService>();
            services.AddSingleton(sp => new ReadinessCheck(sp.GetRequiredService<InformerSet>(), sp.GetRequiredService<LeadershipState>(), election, sp.GetServices<IReadinessContributor>()));
        }
        else
        {
            services.AddHostedService<ControllersService>();
            services.AddSingleton(sp => new ReadinessCheck(sp.GetRequiredService<InformerSet>(), null, null, sp.GetServices<IReadinessContributor>()));
        }

        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        map(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorHost));
        app.Lifetime.ApplicationStarted.Register(() => logger.OperatorStarted(
            string.Join(", ", app.Urls), options.Namespaces.Count == 0 ? "all namespaces" : string.Join(", ", options.Namespaces),
            options.HubSelector.Length == 0 ? "all (unsharded)" : $"those matching {options.HubSelector} (a shard)"));
        return app;
    }
}
