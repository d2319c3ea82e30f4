using System.Text.Json;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// GitHub webhook deliveries (https://docs.github.com/en/webhooks/webhook-events-and-payloads) as
/// notifications; the event type is the <c>X-GitHub-Event</c> header. New refs, edits, new commits on a
/// pull request and CI that has not finished read as null. The author fact names whoever wrote what the
/// event is about (the issue, pull request, comment, review, release, deployment or commit), so a filter
/// on a bot's pull requests also covers their labels and merge.
/// </summary>
internal static class GitHubNotifications
{
    private const string Source = "github";

    public static Notification? From(string eventType, JsonElement payload) => eventType switch
    {
        "ping" => Ping(payload),
        "issues" => Issue(payload),
        "pull_request" => PullRequest(payload),
        "pull_request_review" => Review(payload),
        "issue_comment" => Comment(payload),
        "deployment" => Deployment(payload),
        "deployment_status" => DeploymentStatus(payload),
        "status" => Status(payload),
        "check_run" => CheckRun(payload),
        "check_suite" => CheckSuite(payload),
        "workflow_run" => WorkflowRun(payload),
        "push" => Push(payload),
        "release" => Release(payload),
        _ => null,
    };

    private static Notification Ping(JsonElement payload)
    {
        var target = payload.Text("repository", "full_name") ?? payload.Text("organization", "login");
        var message = Reply.Text(target is null ? "GitHub webhook connected" : $"GitHub webhook connected for {Code(target)}", Severity.Success);
        return new(Source, "ping", target ?? "", message, null, NotificationFacts.None);
    }

    private static Notification? Issue(JsonElement payload)
    {
        var issue = payload.At("issue");
        if (Subject.Read(payload, issue) is not { } subject)
        {
            return Unreadable("issues", "issues", payload);
        }

        var action = payload.Text("action");
        var link = subject.Link();
        var what = action switch
        {
            "opened" => $"opened issue {link}",
            "closed" when issue.Text("state_reason") == "not_planned" => $"closed issue {link} as not planned",
            "closed" => $"closed issue {link}",
            "reopened" => $"reopened issue {link}",
            "labeled" => $"added label {Code(payload.Text("label", "name") ?? "?")} to issue {link}",
            _ => null,
        };
        if (what is null)
        {
            return null;
        }

        var labels = Labels(issue);
        var message = Reply.Build()
            .Line(subject.Headline(what))
            .LineIfAny(action == "opened" ? Excerpt(issue.Text("body")) : null)
            .FieldsIfAny(("Labels", List(labels)))
            .ToReply();
        var facts = AuthoredBy(issue.At("user")) with { Labels = labels, State = issue.Text("state") };
        return new(Source, "issues", subject.Repository, message, subject.ThreadKey, facts);
    }

    private static Notification? PullRequest(JsonElement payload)
    {
        var pull = payload.At("pull_request");
        if (Subject.Read(payload, pull) is not { } subject)
        {
            return Unreadable("pull_request", "pulls", payload);
        }

        var action = payload.Text("action");
        var link = subject.Link();
        var into = pull.Text("base", "ref");
        var merged = pull.IsTrue("merged");
        (string What, Severity Severity)? outcome = action switch
        {
            "opened" when pull.IsTrue("draft") => ($"opened draft pull request {link}", Severity.Info),
            "opened" => ($"opened pull request {link}", Severity.Info),
            "closed" when merged => ($"merged pull request {link}" + (into is null ? "" : $" into {Code(into)}"), Severity.Success),
            "closed" => ($"closed unmerged pull request {link}", Severity.Info),
            "reopened" => ($"reopened pull request {link}", Severity.Info),
            "ready_for_review" => ($"marked pull request {link} ready for review", Severity.Info),
            "labeled" => ($"added label {Code(payload.Text("label", "name") ?? "?")} to pull request {link}", Severity.Info),
            _ => null,
        };
        if (outcome is not (var what, var severity))
        {
            return null;
        }

        var labels = Labels(pull);
        var from = pull.Text("head", "ref");
        var isNew = action is "opened" or "reopened" or "ready_for_review";
        var message = Reply.Build(severity)
            .Line(subject.Headline(what))
            .LineIfAny(isNew ? Excerpt(pull.Text("body")) : null)
            .FieldsIfAny(("Labels", List(labels)), ("Branches", isNew && from is not null && into is not null ? $"{from} → {into}" : null))
            .ToReply();
        // GitHub reports a merged pull request as "closed"; a subscription filter needs the difference.
        var facts = AuthoredBy(pull.At("user")) with { Labels = labels, Branch = into, State = merged ? "merged" : pull.Text("state") };
        return new(Source, "pulls", subject.Repository, message, subject.ThreadKey, facts)
        {
            Timeline = action == "closed" && merged ? new(TimelineKind.Merge, $"Merged #{subject.Number} {subject.Title}", subject.Url) : null,
        };
    }

    private static Notification? Review(JsonElement payload)
    {
        var pull = payload.At("pull_request");
        var review = payload.At("review");
        if (Subject.Read(payload, pull) is not { } subject)
        {
            return Unreadable("pull_request_review", "reviews", payload);
        }

        if (payload.Text("action") != "submitted")
        {
            return null;
        }

        var link = subject.Link(review.Url("html_url"));
        var state = review.Text("state");
        var (what, severity) = state switch
        {
            "approved" => ($"approved pull request {link}", Severity.Success),
            "changes_requested" => ($"requested changes on pull request {link}", Severity.Info),
            _ => ($"reviewed pull request {link}", Severity.Info),
        };
        var message = Reply.Build(severity)
            .Line(subject.Headline(what))
            .LineIfAny(Excerpt(review.Text("body")))
            .ToReply();
        var facts = AuthoredBy(review.At("user")) with { Labels = Labels(pull), Branch = pull.Text("base", "ref"), State = state };
        return new(Source, "reviews", subject.Repository, message, subject.ThreadKey, facts);
    }

    private static Notification? Comment(JsonElement payload)
    {
        var issue = payload.At("issue");
        var comment = payload.At("comment");
        if (Subject.Read(payload, issue) is not { } subject)
        {
            return Unreadable("issue_comment", "comments", payload);
        }

        if (payload.Text("action") != "created")
        {
            return null;
        }

        // Comments on pull requests arrive as issue comments; only the pull_request link tells them apart.
        var kind = issue.At("pull_request").ValueKind == JsonValueKind.Object ? "pull request" : "issue";
        var message = Reply.Build()
            .Line(subject.Headline($"commented on {kind} {subject.Link(comment.Url("html_url"))}"))
            .LineIfAny(Excerpt(comment.Text("body")))
            .ToReply();
        var facts = AuthoredBy(comment.At("user")) with { Labels = Labels(issue), State = issue.Text("state") };
        return new(Source, "comments", subject.Repository, message, subject.ThreadKey, facts);
    }

    private static Notification Deployment(JsonElement payload)
    {
        var deployment = payload.At("deployment");
        if (payload.Text("repository", "full_name") is not { } repository
            || deployment.Text("id") is not { } id
            || deployment.Text("environment") is not { } environment)
        {
            return Unreadable("deployment", "deployments", payload);
        }

        var reference = deployment.Text("ref");
        var creator = deployment.Text("creator", "login") ?? payload.Text("sender", "login") ?? "Someone";
        var what = reference is null ? "a deployment" : Code(reference);
        var message = Reply.Build()
            .Line($"{Bold(creator)} started deploying {what} to {Bold(environment)} in {Code(repository)}")
            .LineIfAny(deployment.Text("description"))
            .LinkIfAny("Workflow run", payload.Url("workflow_run", "html_url"))
            .ToReply();
        var facts = AuthoredBy(deployment.At("creator")) with { Branch = reference, Environment = environment };
        return new(Source, "deployments", repository, message, $"{repository}@deployment:{id}", facts);
    }

    private static Notification? DeploymentStatus(JsonElement payload)
    {
        var status = payload.At("deployment_status");
        var deployment = payload.At("deployment");
        var environment = status.Text("environment") ?? deployment.Text("environment");
        if (payload.Text("repository", "full_name") is not { } repository || deployment.Text("id") is not { } id || environment is null)
        {
            return Unreadable("deployment_status", "deployments", payload);
        }

        var state = status.Text("state");
        (string Outcome, Severity Severity)? outcome = state switch
        {
            "success" => ("succeeded", Severity.Success),
            "failure" or "error" => ("failed", Severity.Error),
            _ => null,
        };
        if (outcome is not (var result, var severity))
        {
            return null;
        }

        var reference = deployment.Text("ref");
        var what = reference is null ? "Deployment" : $"Deployment of {Code(reference)}";
        var message = Reply.Build(severity)
            .Line($"{what} to {Bold(environment)} {result} in {Code(repository)}")
            .LineIfAny(status.Text("description"))
            .LinkIfAny("Log", status.Url("log_url") ?? status.Url("target_url"))
            .LinkIfAny(environment, state == "success" ? status.Url("environment_url") : null)
            .ToReply();
        var facts = AuthoredBy(deployment.At("creator")) with { Branch = reference, Environment = environment, State = state };
        return new(Source, "deployments", repository, message, $"{repository}@deployment:{id}", facts)
        {
            Timeline = state == "success" ? new(TimelineKind.Deploy, $"Deployed {reference ?? "a deployment"} to {environment}", status.Url("log_url") ?? status.Url("target_url")) : null,
        };
    }

    private static Notification? Status(JsonElement payload)
    {
        if (payload.Text("repository", "full_name") is not { } repository
            || payload.Text("context") is not { } context
            || payload.Text("sha") is not { } sha)
        {
            return Unreadable("status", "statuses", payload);
        }

        var state = payload.Text("state");
        if (Outcome(state) is not (var result, var severity))
        {
            return null;
        }

        var commit = payload.At("commit");
        var commitText = commit.Text("commit", "message") is { } text ? $"{ShortSha(sha)} {FirstLine(text)}" : ShortSha(sha);
        var message = Reply.Build(severity)
            .Line($"Status {Bold(context)} {result} on commit {Link(commitText, commit.Url("html_url"))} in {Code(repository)}")
            .LineIfAny(payload.Text("description"))
            .LinkIfAny("Details", payload.Url("target_url"))
            .ToReply();
        var branch = payload.Items("branches").FirstOrDefault(b => b.Text("commit", "sha") == sha).Text("name");
        var facts = AuthoredBy(commit.At("author")) with { Branch = branch, State = state };
        return new(Source, "statuses", repository, message, null, facts);
    }

    private static Notification? CheckRun(JsonElement payload)
    {
        var run = payload.At("check_run");
        if (payload.Text("repository", "full_name") is not { } repository || run.Text("name") is not { } name)
        {
            return Unreadable("check_run", "checks", payload);
        }

        var conclusion = run.Text("conclusion");
        if (payload.Text("action") != "completed" || Outcome(conclusion) is not (var result, var severity))
        {
            return null;
        }

        var on = run.Text("check_suite", "head_branch") ?? ShortSha(run.Text("head_sha") ?? "?");
        var message = Reply.Build(severity)
            .Line($"Check {Link(name, run.Url("html_url"))} {result} on {Code(on)} in {Code(repository)}")
            .LineIfAny(run.Text("output", "title"))
            .ToReply();
        var facts = AuthoredBy(payload.At("sender")) with { Branch = run.Text("check_suite", "head_branch"), State = conclusion };
        return new(Source, "checks", repository, message, null, facts);
    }

    private static Notification? CheckSuite(JsonElement payload)
    {
        var suite = payload.At("check_suite");
        if (payload.Text("repository", "full_name") is not { } repository)
        {
            return Unreadable("check_suite", "checks", payload);
        }

        var conclusion = suite.Text("conclusion");
        if (payload.Text("action") != "completed" || Outcome(conclusion) is not (var result, var severity))
        {
            return null;
        }

        var checks = suite.Text("app", "name") is { } app ? $"Checks from {Bold(app)}" : "Checks";
        var on = suite.Text("head_branch") ?? ShortSha(suite.Text("head_sha") ?? "?");
        var message = Reply.Text($"{checks} {result} on {Code(on)} in {Code(repository)}", severity);
        var facts = AuthoredBy(payload.At("sender")) with { Branch = suite.Text("head_branch"), State = conclusion };
        return new(Source, "checks", repository, message, null, facts);
    }

    private static Notification? WorkflowRun(JsonElement payload)
    {
        var run = payload.At("workflow_run");
        var name = payload.Text("workflow", "name") ?? run.Text("name");
        if (payload.Text("repository", "full_name") is not { } repository || name is null)
        {
            return Unreadable("workflow_run", "checks", payload);
        }

        var conclusion = run.Text("conclusion");
        if (payload.Text("action") != "completed" || Outcome(conclusion) is not (var result, var severity))
        {
            return null;
        }

        var title = run.Text("run_number") is { } number ? $"{name} #{number}" : name;
        var on = run.Text("head_branch") ?? ShortSha(run.Text("head_sha") ?? "?");
        var message = Reply.Build(severity)
            .Line($"Workflow {Link(title, run.Url("html_url"))} {result} on {Code(on)} in {Code(repository)}")
            .LineIfAny(run.Text("display_title"))
            .ToReply();
        var facts = AuthoredBy(run.At("actor")) with { Branch = run.Text("head_branch"), State = conclusion };
        return new(Source, "checks", repository, message, null, facts);
    }

    private static Notification Push(JsonElement payload)
    {
        if (payload.Text("repository", "full_name") is not { } repository
            || payload.Text("sender", "login") is not { } pusher
            || payload.Text("ref") is not { } reference)
        {
            return Unreadable("push", "pushes", payload);
        }

        var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : null;
        var (kind, name) = branch is not null ? ("branch", branch)
            : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? ("tag", reference["refs/tags/".Length..])
            : ("ref", reference);
        var commits = payload.Items("commits").ToList();
        var created = payload.IsTrue("created");
        var pushed = payload.IsTrue("forced") ? "force-pushed" : "pushed";
        var what = (payload.IsTrue("deleted"), branch, commits.Count) switch
        {
            (true, _, _) => $"deleted {kind} {Code(name)}",
            (_, null, _) => $"pushed {kind} {Code(name)}",
            (_, _, 0) when created => $"created branch {Code(name)}",
            (_, _, var count) => $"{pushed} {Link(count == 1 ? "1 commit" : $"{count} commits", payload.Url("compare"))} to {(created ? "new branch " : "")}{Code(name)}",
        };

        var message = Reply.Build().Line($"{Bold(pusher)} {what} in {Code(repository)}");
        if (branch is not null)
        {
            foreach (var commit in commits.Take(3))
            {
                message.Line($"{Link(ShortSha(commit.Text("id") ?? "?"), commit.Url("url"))} {FirstLine(commit.Text("message") ?? "")}");
            }

            message.LineIfAny(commits.Count > 3 ? $"and {commits.Count - 3} more" : null);
        }

        var facts = AuthoredBy(payload.At("sender")) with { Branch = branch };
        return new(Source, "pushes", repository, message.ToReply(), null, facts);
    }

    private static Notification? Release(JsonElement payload)
    {
        var release = payload.At("release");
        if (payload.Text("repository", "full_name") is not { } repository
            || payload.Text("sender", "login") is not { } publisher
            || release.Text("tag_name") is not { } tag)
        {
            return Unreadable("release", "releases", payload);
        }

        // GitHub sends created, published and released for one release; published is the one people mean.
        if (payload.Text("action") != "published")
        {
            return null;
        }

        var title = release.Text("name") is { } name && name != tag ? $"{name} ({tag})" : tag;
        var kind = release.IsTrue("prerelease") ? "pre-release" : "release";
        var message = Reply.Build()
            .Line($"{Bold(publisher)} published {kind} {Link(title, release.Url("html_url"))} in {Code(repository)}")
            .LineIfAny(Excerpt(release.Text("body")))
            .ToReply();
        return new(Source, "releases", repository, message, null, AuthoredBy(release.At("author")));
    }

    // Neutral, skipped and stale results need nobody; pending and queued ones are not results yet.
    private static (string Result, Severity Severity)? Outcome(string? conclusion) => conclusion switch
    {
        "success" => ("passed", Severity.Success),
        "failure" => ("failed", Severity.Error),
        "error" => ("errored", Severity.Error),
        "timed_out" => ("timed out", Severity.Error),
        "startup_failure" => ("failed to start", Severity.Error),
        "action_required" => ("needs action", Severity.Warning),
        "cancelled" => ("was cancelled", Severity.Info),
        _ => null,
    };

    private static List<string> Labels(JsonElement issueOrPull) =>
        issueOrPull.Items("labels").Select(label => label.Text("name")).OfType<string>().ToList();

    private static NotificationFacts AuthoredBy(JsonElement user) => NotificationFacts.None with
    {
        Author = user.Text("login"),
        AuthorIsBot = user.Text("type") == "Bot" || user.Text("login")?.EndsWith("[bot]", StringComparison.Ordinal) == true,
    };

    private static Notification Unreadable(string eventType, string feature, JsonElement payload)
    {
        var repository = payload.Text("repository", "full_name");
        var action = payload.Text("action") is { } name ? $" ({name})" : "";
        var where = repository is null ? "" : $" in {Code(repository)}";
        return new(Source, feature, repository ?? "", Reply.Text($"GitHub {Code(eventType)} event{action}{where}"), null, NotificationFacts.None);
    }

    /// <summary>The issue or pull request an event is about, and who acted on it.</summary>
    private sealed record Subject(string Repository, string Actor, string Number, string Title, Uri? Url)
    {
        public string ThreadKey => $"{Repository}#{Number}";

        public static Subject? Read(JsonElement payload, JsonElement issueOrPull) =>
            payload.Text("repository", "full_name") is { } repository
            && payload.Text("sender", "login") is { } actor
            && issueOrPull.Text("number") is { } number
            && issueOrPull.Text("title") is { } title
                ? new(repository, actor, number, title, issueOrPull.Url("html_url"))
                : null;

        public string Link(Uri? url = null) => Markdown.Link($"#{Number} {Title}", url ?? Url);

        public string Headline(string what) => $"{Bold(Actor)} {what} in {Code(Repository)}";
    }
}
