namespace Switchboard.Emulators.Heroku.Platform;

/// <summary>
/// What the emulated Platform API knows: apps and who may act on them, builds, releases, pipelines and their
/// couplings, promotions, dynos and add-ons. Builds and promotions stay <c>pending</c> for
/// <see cref="PollsUntilFinished"/> reads of their status, then finish, as Heroku's do asynchronously.
/// Every build, release and promotion records the account whose token made it.
/// </summary>
public sealed class HerokuPlatform(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly List<HerokuApp> _apps = [];
    private readonly List<HerokuBuild> _builds = [];
    private readonly List<HerokuRelease> _releases = [];
    private readonly List<HerokuPipeline> _pipelines = [];
    private readonly List<HerokuCoupling> _couplings = [];
    private readonly List<HerokuPromotion> _promotions = [];
    private readonly List<HerokuAddOn> _addOns = [];

    /// <summary>How many reads of a build's or promotion's status answer <c>pending</c> before it finishes.</summary>
    public int PollsUntilFinished { get; set; } = 2;

    /// <summary>When set, the next build fails with this line in its output, as when the buildpack's compile fails.</summary>
    public string? FailNextBuild { get; set; }

    public IReadOnlyList<HerokuBuild> Builds => Snapshot(_builds);

    public IReadOnlyList<HerokuRelease> Releases => Snapshot(_releases);

    public IReadOnlyList<HerokuPromotion> Promotions => Snapshot(_promotions);

    /// <summary>An app the owner and the collaborators may build, release and promote, with its first release <c>v1</c> running a web dyno.</summary>
    public HerokuApp AddApp(string name, HerokuAccount owner, params HerokuAccount[] collaborators)
    {
        var app = new HerokuApp(Guid.NewGuid(), name, owner, clock.GetUtcNow());
        lock (_lock)
        {
            foreach (var member in collaborators.Prepend(owner))
            {
                app.AddCollaborator(member);
            }

            _apps.Add(app);
            _releases.Add(new HerokuRelease(Guid.NewGuid(), app, 1, "Initial release", owner, Slug: null, clock.GetUtcNow()));
        }

        return app;
    }

    public HerokuPipeline AddPipeline(string name, params (HerokuApp App, string Stage)[] couplings)
    {
        var pipeline = new HerokuPipeline(Guid.NewGuid(), name, clock.GetUtcNow());
        lock (_lock)
        {
            _pipelines.Add(pipeline);
            _couplings.AddRange(couplings.Select(c => new HerokuCoupling(Guid.NewGuid(), pipeline, c.App, c.Stage, clock.GetUtcNow())));
        }

        return pipeline;
    }

    public HerokuAddOn AddAddOn(HerokuApp app, string service, string plan)
    {
        var addOn = new HerokuAddOn(Guid.NewGuid(), app, $"{service}-{Guid.NewGuid().ToString()[..8]}", service, $"{service}:{plan}", clock.GetUtcNow());
        lock (_lock)
        {
            _addOns.Add(addOn);
        }

        return addOn;
    }

    /// <summary>The app's releases, oldest first; the current one is the newest that succeeded.</summary>
    public IReadOnlyList<HerokuRelease> ReleasesOf(HerokuApp app)
    {
        lock (_lock)
        {
            return _releases.Where(r => r.App == app).OrderBy(r => r.Version).ToList();
        }
    }

    internal DateTimeOffset Now => clock.GetUtcNow();

    internal HerokuApp? FindApp(string idOrName)
    {
        lock (_lock)
        {
            return _apps.SingleOrDefault(a => a.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase)
                || (Guid.TryParse(idOrName, out var id) && a.Id == id));
        }
    }

    internal HerokuPipeline? FindPipeline(string idOrName)
    {
        lock (_lock)
        {
            return _pipelines.SingleOrDefault(p => p.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase)
                || (Guid.TryParse(idOrName, out var id) && p.Id == id));
        }
    }

    internal IReadOnlyList<HerokuCoupling> CouplingsOf(HerokuPipeline pipeline)
    {
        lock (_lock)
        {
            return _couplings.Where(c => c.Pipeline == pipeline).ToList();
        }
    }

    internal IReadOnlyList<HerokuAddOn> AddOnsOf(HerokuApp app)
    {
        lock (_lock)
        {
            return _addOns.Where(a => a.App == app).ToList();
        }
    }

    internal HerokuBuild? FindBuild(HerokuApp app, Guid id)
    {
        lock (_lock)
        {
            return _builds.SingleOrDefault(b => b.App == app && b.Id == id);
        }
    }

    internal HerokuBuild? FindBuild(Guid id)
    {
        lock (_lock)
        {
            return _builds.SingleOrDefault(b => b.Id == id);
        }
    }

    internal HerokuPromotion? FindPromotion(Guid id)
    {
        lock (_lock)
        {
            return _promotions.SingleOrDefault(p => p.Id == id);
        }
    }

    internal HerokuRelease? Current(HerokuApp app)
    {
        lock (_lock)
        {
            return CurrentLocked(app);
        }
    }

    internal HerokuBuild StartBuild(HerokuApp app, HerokuAccount user, Uri sourceUrl, string? version, IReadOnlyList<string> output, bool fails)
    {
        var build = new HerokuBuild(Guid.NewGuid(), app, user, sourceUrl, version, clock.GetUtcNow(), output, fails);
        lock (_lock)
        {
            _builds.Add(build);
        }

        return build;
    }

    /// <summary>One read of the build's status: after enough of them a pending build finishes, and a good one is released.</summary>
    internal void Poll(HerokuBuild build)
    {
        lock (_lock)
        {
            if (build.Status != "pending" || ++build.Polls < PollsUntilFinished)
            {
                return;
            }

            if (build.Fails)
            {
                build.Status = "failed";
                return;
            }

            build.Status = "succeeded";
            build.Slug = Guid.NewGuid();
            build.Release = ReleaseLocked(build.App, $"Deploy {build.SourceVersion ?? build.Id.ToString()[..8]}", build.User, build.Slug);
        }
    }

    /// <summary>Rolls back to an earlier release: a new release with its slug, as <c>POST /apps/{app}/releases {"release": id}</c>.</summary>
    internal HerokuRelease Rollback(HerokuRelease to, HerokuAccount user)
    {
        lock (_lock)
        {
            return ReleaseLocked(to.App, $"Rollback to v{to.Version}", user, to.Slug);
        }
    }

    internal HerokuPromotion Promote(HerokuPipeline pipeline, HerokuApp source, HerokuRelease release, IReadOnlyList<HerokuApp> targets, HerokuAccount user)
    {
        var promotion = new HerokuPromotion(Guid.NewGuid(), pipeline, source, release, user, clock.GetUtcNow())
        {
            Targets = targets.Select(t => new HerokuPromotionTarget(Guid.NewGuid(), t)).ToList(),
        };
        lock (_lock)
        {
            _promotions.Add(promotion);
        }

        return promotion;
    }

    /// <summary>One read of the promotion's status: after enough of them each target gets a release of the source's slug.</summary>
    internal void Poll(HerokuPromotion promotion)
    {
        lock (_lock)
        {
            if (promotion.Status != "pending" || ++promotion.Polls < PollsUntilFinished)
            {
                return;
            }

            foreach (var target in promotion.Targets)
            {
                target.Release = ReleaseLocked(target.App, $"Promote {promotion.Source.Name} v{promotion.SourceRelease.Version}", promotion.User, promotion.SourceRelease.Slug);
                target.Status = "succeeded";
            }

            promotion.Status = "completed";
        }
    }

    private HerokuRelease? CurrentLocked(HerokuApp app) =>
        _releases.Where(r => r.App == app).OrderByDescending(r => r.Version).FirstOrDefault();

    private HerokuRelease ReleaseLocked(HerokuApp app, string description, HerokuAccount user, Guid? slug)
    {
        var release = new HerokuRelease(Guid.NewGuid(), app, CurrentLocked(app)!.Version + 1, description, user, slug, clock.GetUtcNow());
        _releases.Add(release);
        return release;
    }

    private List<T> Snapshot<T>(List<T> items)
    {
        lock (_lock)
        {
            return [.. items];
        }
    }
}

public sealed record HerokuApp(Guid Id, string Name, HerokuAccount Owner, DateTimeOffset CreatedAt)
{
    private readonly Lock _lock = new();
    private readonly List<HerokuAccount> _members = [];

    /// <summary>The accounts whose tokens may act on the app: its owner and collaborators.</summary>
    public IReadOnlyList<HerokuAccount> Members
    {
        get
        {
            lock (_lock)
            {
                return [.. _members];
            }
        }
    }


    public Uri WebUrl => new($"https://{Name}-{Id.ToString()[..12]}.herokuapp.com/");

    /// <summary>Lets the account act on the app, as <c>heroku access:add</c> does.</summary>
    public void AddCollaborator(HerokuAccount account)
    {
        lock (_lock)
        {
            _members.Add(account);
        }
    }
}

/// <summary>A build of a source archive; <see cref="User"/> is whose token asked for it.</summary>
public sealed class HerokuBuild(Guid id, HerokuApp app, HerokuAccount user, Uri sourceUrl, string? sourceVersion, DateTimeOffset createdAt, IReadOnlyList<string> output, bool fails)
{
    public Guid Id { get; } = id;

    public HerokuApp App { get; } = app;

    public HerokuAccount User { get; } = user;

    public Uri SourceUrl { get; } = sourceUrl;

    public string? SourceVersion { get; } = sourceVersion;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>What the build's output stream shows, line by line.</summary>
    public IReadOnlyList<string> Output { get; } = output;

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public string Status { get; internal set; } = "pending";

    public Guid? Slug { get; internal set; }

    public HerokuRelease? Release { get; internal set; }

    internal bool Fails { get; } = fails;

    internal int Polls { get; set; }
}

/// <summary>A release; <see cref="User"/> is whose token made it (a build, a rollback or a promotion).</summary>
public sealed record HerokuRelease(Guid Id, HerokuApp App, int Version, string Description, HerokuAccount User, Guid? Slug, DateTimeOffset CreatedAt);

public sealed record HerokuPipeline(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <param name="Stage"><c>test</c>, <c>review</c>, <c>development</c>, <c>staging</c> or <c>production</c>.</param>
public sealed record HerokuCoupling(Guid Id, HerokuPipeline Pipeline, HerokuApp App, string Stage, DateTimeOffset CreatedAt);

public sealed record HerokuAddOn(Guid Id, HerokuApp App, string Name, string Service, string Plan, DateTimeOffset CreatedAt);

/// <summary>A promotion of the source app's current release to the targets; <see cref="User"/> is whose token asked for it.</summary>
public sealed class HerokuPromotion(Guid id, HerokuPipeline pipeline, HerokuApp source, HerokuRelease sourceRelease, HerokuAccount user, DateTimeOffset createdAt)
{
    public Guid Id { get; } = id;

    public HerokuPipeline Pipeline { get; } = pipeline;

    public HerokuApp Source { get; } = source;

    public HerokuRelease SourceRelease { get; } = sourceRelease;

    public HerokuAccount User { get; } = user;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary><c>pending</c> or <c>completed</c>.</summary>
    public string Status { get; internal set; } = "pending";

    public required IReadOnlyList<HerokuPromotionTarget> Targets { get; init; }

    internal int Polls { get; set; }
}

public sealed class HerokuPromotionTarget(Guid id, HerokuApp app)
{
    public Guid Id { get; } = id;

    public HerokuApp App { get; } = app;

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public string Status { get; internal set; } = "pending";

    public HerokuRelease? Release { get; internal set; }
}
