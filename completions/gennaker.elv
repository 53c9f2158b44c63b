
use builtin;
use str;

set edit:completion:arg-completer[gennaker] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'gennaker'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'gennaker'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come'
            cand judge 'Answer a manual judgment of an execution running in another shell or CI step'
            cand executions 'Executions kept on disk: list, show, cancel, resume'
            cand validate 'Check pipeline files and report every problem, located, before anything runs'
            cand plan 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
            cand clusters 'The global view: every server group of an application, over every account and region'
            cand server-group 'One-off server group operations, through the same safety rails as the stages'
            cand config 'gennaker''s own settings and the accounts it deploys to'
            cand completions 'Print a shell completion script'
            cand man 'Print the man pages (roff), one per command'
            cand expr 'Pipeline expressions (`${…}`)'
            cand sandbox 'Local simulated clouds to rehearse pipelines against'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;run'= {
            cand --pipeline 'Pick the pipeline with this name from a file holding several'
            cand --pipeline-id 'Pick the pipeline with this id from a file holding several'
            cand --param 'Set a pipeline parameter (repeatable); overrides `--params-file` and defaults'
            cand --params-file 'Read parameters from a JSON object'
            cand --trigger 'Use this trigger (a JSON object shaped as Spinnaker''s execution trigger) instead of a manual one; a CI step passes what triggered it: docker tag, build, webhook payload'
            cand --judgment 'Answer a manual judgment in advance (repeatable): `STAGE NAME=continue`, `STAGE NAME=continue:INPUT` or `STAGE NAME=stop`'
            cand --map 'With --rehearse: the sandbox account (`sandbox-dcos`, `sandbox-cf`) an account stands in for (repeatable); by default the one of the account''s provider'
            cand --fault 'With --rehearse: a sandbox fault for this rehearsal only (repeatable): `KIND` on every DC/OS region of the pipeline or `REGION=KIND` on one; KIND as `gennaker sandbox fault` (`crashloop`, `unhealthy`, `slow-start=SECONDS`, `http-5xx=RATE`, …)'
            cand --pipelines-dir 'Also look for the pipelines of `pipeline` stages (and `#pipelineId`) in this directory (repeatable); the pipeline''s own file and directory are always searched'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait-for-judgment 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set'
            cand --skip-windows 'Ignore execution windows: stages restricted to a time window start at once'
            cand --wait 'When another execution of this pipeline runs (`limitConcurrent`), queue behind it instead of failing; with `keepWaitingPipelines: false` only the newest queued run starts'
            cand --rehearse 'Rehearse: run the pipeline against the built-in sandbox instead of its real accounts; each account stands in for a sandbox account of its provider, and the end of the run lists the conditional branches no rehearsal of this pipeline has exercised yet'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;judge'= {
            cand --stage 'The manual judgment stage, by name'
            cand --input 'The judgment input to record (one of the stage''s `judgmentInputs`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --continue 'Let the pipeline go on'
            cand --stop 'Stop the pipeline'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;executions'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List executions, newest first'
            cand show 'Show one execution: its stages, or the whole document with `--output json`'
            cand cancel 'Cancel an execution running in another shell'
            cand resume 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;executions;list'= {
            cand --pipeline 'Only executions of this pipeline (by name)'
            cand --status 'Only executions with this status (e.g. `SUCCEEDED`, `TERMINAL`, `RUNNING`)'
            cand --since 'Only executions started within this long, e.g. `30m`, `2h`, `7d`'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;executions;show'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;executions;cancel'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;executions;resume'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait-for-judgment 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set'
            cand --skip-windows 'Ignore execution windows: stages restricted to a time window start at once'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;executions;help'= {
            cand list 'List executions, newest first'
            cand show 'Show one execution: its stages, or the whole document with `--output json`'
            cand cancel 'Cancel an execution running in another shell'
            cand resume 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;executions;help;list'= {
        }
        &'gennaker;executions;help;show'= {
        }
        &'gennaker;executions;help;cancel'= {
        }
        &'gennaker;executions;help;resume'= {
        }
        &'gennaker;executions;help;help'= {
        }
        &'gennaker;validate'= {
            cand --pipeline 'Pick the pipeline with this name from a file holding several'
            cand --pipeline-id 'Pick the pipeline with this id from a file holding several'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;plan'= {
            cand --pipeline 'Pick the pipeline with this name from a file holding several'
            cand --pipeline-id 'Pick the pipeline with this id from a file holding several'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;clusters'= {
            cand --account 'Only this account (repeatable); every configured account by default'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show one server group: capacity, instances, image, load balancers'
            cand resize 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up'
            cand enable 'Put a disabled server group back into service'
            cand disable 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
            cand destroy 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;server-group;show'= {
            cand --account 'The account it is in'
            cand --region 'The region it is in (DC/OS cluster, or CF `org > space`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait 'Return once the change is accepted, without waiting for it to finish'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group;resize'= {
            cand --account 'The account it is in'
            cand --region 'The region it is in (DC/OS cluster, or CF `org > space`)'
            cand --desired 'The number of instances wanted'
            cand --min 'The fewest instances [default: the desired number]'
            cand --max 'The most instances [default: the desired number]'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait 'Return once the change is accepted, without waiting for it to finish'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group;enable'= {
            cand --account 'The account it is in'
            cand --region 'The region it is in (DC/OS cluster, or CF `org > space`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait 'Return once the change is accepted, without waiting for it to finish'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group;disable'= {
            cand --account 'The account it is in'
            cand --region 'The region it is in (DC/OS cluster, or CF `org > space`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait 'Return once the change is accepted, without waiting for it to finish'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group;destroy'= {
            cand --account 'The account it is in'
            cand --region 'The region it is in (DC/OS cluster, or CF `org > space`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --no-wait 'Return once the change is accepted, without waiting for it to finish'
            cand -y 'Do not ask for confirmation at a terminal'
            cand --yes 'Do not ask for confirmation at a terminal'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;server-group;help'= {
            cand show 'Show one server group: capacity, instances, image, load balancers'
            cand resize 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up'
            cand enable 'Put a disabled server group back into service'
            cand disable 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
            cand destroy 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;server-group;help;show'= {
        }
        &'gennaker;server-group;help;resize'= {
        }
        &'gennaker;server-group;help;enable'= {
        }
        &'gennaker;server-group;help;disable'= {
        }
        &'gennaker;server-group;help;destroy'= {
        }
        &'gennaker;server-group;help;help'= {
        }
        &'gennaker;config'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
            cand account 'The accounts gennaker deploys to (Halyard-style)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;show'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Add (or replace) an account; checks it can log in to each region first'
            cand list 'List the accounts, the built-in sandbox ones included'
            cand show 'Show one account''s settings (secrets are never shown, only where they come from)'
            cand remove 'Remove an account from the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;account;add'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand dcos 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)'
            cand cloudfoundry 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
            cand cf 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;account;add;dcos'= {
            cand --region 'A region and its DC/OS cluster''s URL (repeatable), e.g. `us-east-1=https://dcos-east.example.com`'
            cand --uid 'The user or service account to log in as'
            cand --password-env 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored'
            cand --password-command 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored'
            cand --service-key-file 'Log in as the service account `--uid` with this private key (PEM, RS256) instead of a password'
            cand --token-env 'Use the ACS token in this environment variable instead of logging in'
            cand --ca-cert 'Trust the certificate authorities in this PEM file'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --password-stdin 'Read the password from standard input and store it in the config file (mode 0600)'
            cand --insecure 'Accept any TLS certificate (only for clusters you trust by other means)'
            cand --no-validate 'Save without checking that each cluster can be reached and logged in to'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;add;cloudfoundry'= {
            cand --api 'The Cloud Controller''s URL, e.g. `https://api.sys.example.com`'
            cand --user 'The user to log in as'
            cand --client-id 'The UAA client to log in as (client credentials); its secret comes from --password-env/--password-command/--password-stdin or the prompt'
            cand --password-env 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored'
            cand --password-command 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --password-stdin 'Read the password from standard input and store it in the config file (mode 0600)'
            cand --from-cf-cli 'Use the access and refresh tokens the cf CLI saved'
            cand --skip-ssl-validation 'Accept any TLS certificate (only for foundations you trust by other means)'
            cand --no-validate 'Save without checking the login'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;add;cf'= {
            cand --api 'The Cloud Controller''s URL, e.g. `https://api.sys.example.com`'
            cand --user 'The user to log in as'
            cand --client-id 'The UAA client to log in as (client credentials); its secret comes from --password-env/--password-command/--password-stdin or the prompt'
            cand --password-env 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored'
            cand --password-command 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --password-stdin 'Read the password from standard input and store it in the config file (mode 0600)'
            cand --from-cf-cli 'Use the access and refresh tokens the cf CLI saved'
            cand --skip-ssl-validation 'Accept any TLS certificate (only for foundations you trust by other means)'
            cand --no-validate 'Save without checking the login'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;add;help'= {
            cand dcos 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)'
            cand cloudfoundry 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;account;add;help;dcos'= {
        }
        &'gennaker;config;account;add;help;cloudfoundry'= {
        }
        &'gennaker;config;account;add;help;help'= {
        }
        &'gennaker;config;account;list'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;show'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;remove'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;account;help'= {
            cand add 'Add (or replace) an account; checks it can log in to each region first'
            cand list 'List the accounts, the built-in sandbox ones included'
            cand show 'Show one account''s settings (secrets are never shown, only where they come from)'
            cand remove 'Remove an account from the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;account;help;add'= {
            cand dcos 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)'
            cand cloudfoundry 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
        }
        &'gennaker;config;account;help;add;dcos'= {
        }
        &'gennaker;config;account;help;add;cloudfoundry'= {
        }
        &'gennaker;config;account;help;list'= {
        }
        &'gennaker;config;account;help;show'= {
        }
        &'gennaker;config;account;help;remove'= {
        }
        &'gennaker;config;account;help;help'= {
        }
        &'gennaker;config;help'= {
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
            cand account 'The accounts gennaker deploys to (Halyard-style)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;help;show'= {
        }
        &'gennaker;config;help;account'= {
            cand add 'Add (or replace) an account; checks it can log in to each region first'
            cand list 'List the accounts, the built-in sandbox ones included'
            cand show 'Show one account''s settings (secrets are never shown, only where they come from)'
            cand remove 'Remove an account from the config file'
        }
        &'gennaker;config;help;account;add'= {
            cand dcos 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)'
            cand cloudfoundry 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
        }
        &'gennaker;config;help;account;add;dcos'= {
        }
        &'gennaker;config;help;account;add;cloudfoundry'= {
        }
        &'gennaker;config;help;account;list'= {
        }
        &'gennaker;config;help;account;show'= {
        }
        &'gennaker;config;help;account;remove'= {
        }
        &'gennaker;config;help;help'= {
        }
        &'gennaker;completions'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;man'= {
            cand --out-dir 'Write one page per command into this directory instead of printing the main page'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;expr'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand eval 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;expr;eval'= {
            cand --context 'A JSON object whose keys are the root properties (`trigger`, `parameters`, `execution`…)'
            cand --stage 'Build the root as Orca does for this stage (a `refId` or `id` of `execution.stages`)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --json 'Treat TEMPLATE as a JSON document, evaluated recursively as a stage context is'
            cand --jsonl 'Read `{"template": …, "context": {…}, "stage": "REF"}` lines from stdin and write one result line per input'
            cand --no-url-functions 'Refuse `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl` and `#propertiesFromUrl`'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;expr;help'= {
            cand eval 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;expr;help;eval'= {
        }
        &'gennaker;expr;help;help'= {
        }
        &'gennaker;sandbox'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'What the sandbox accounts run: apps per account and region, and the faults set'
            cand reset 'Stop the sandbox and forget everything it ran, faults included'
            cand fault 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
            cand start 'Start the shared sandbox in the background (if it is not running) and print its URLs'
            cand stop 'Stop the shared sandbox, keeping its state for next time'
            cand serve 'Run the simulators standalone until interrupted'
            cand daemon 'The background sandbox process that `gennaker` starts on demand (not for people)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;sandbox;status'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;reset'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;fault'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;start'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;stop'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;serve'= {
            cand --regions 'The regions to simulate, one DC/OS cluster each'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand --persist 'Serve (and save) the sandbox state of the data directory, as the background sandbox does'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;daemon'= {
            cand --idle-exit 'Stop after this many seconds without any request (and no gennaker process using it)'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;sandbox;help'= {
            cand status 'What the sandbox accounts run: apps per account and region, and the faults set'
            cand reset 'Stop the sandbox and forget everything it ran, faults included'
            cand fault 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
            cand start 'Start the shared sandbox in the background (if it is not running) and print its URLs'
            cand stop 'Stop the shared sandbox, keeping its state for next time'
            cand serve 'Run the simulators standalone until interrupted'
            cand daemon 'The background sandbox process that `gennaker` starts on demand (not for people)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;sandbox;help;status'= {
        }
        &'gennaker;sandbox;help;reset'= {
        }
        &'gennaker;sandbox;help;fault'= {
        }
        &'gennaker;sandbox;help;start'= {
        }
        &'gennaker;sandbox;help;stop'= {
        }
        &'gennaker;sandbox;help;serve'= {
        }
        &'gennaker;sandbox;help;daemon'= {
        }
        &'gennaker;sandbox;help;help'= {
        }
        &'gennaker;help'= {
            cand run 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come'
            cand judge 'Answer a manual judgment of an execution running in another shell or CI step'
            cand executions 'Executions kept on disk: list, show, cancel, resume'
            cand validate 'Check pipeline files and report every problem, located, before anything runs'
            cand plan 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
            cand clusters 'The global view: every server group of an application, over every account and region'
            cand server-group 'One-off server group operations, through the same safety rails as the stages'
            cand config 'gennaker''s own settings and the accounts it deploys to'
            cand completions 'Print a shell completion script'
            cand man 'Print the man pages (roff), one per command'
            cand expr 'Pipeline expressions (`${…}`)'
            cand sandbox 'Local simulated clouds to rehearse pipelines against'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;help;run'= {
        }
        &'gennaker;help;judge'= {
        }
        &'gennaker;help;executions'= {
            cand list 'List executions, newest first'
            cand show 'Show one execution: its stages, or the whole document with `--output json`'
            cand cancel 'Cancel an execution running in another shell'
            cand resume 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
        }
        &'gennaker;help;executions;list'= {
        }
        &'gennaker;help;executions;show'= {
        }
        &'gennaker;help;executions;cancel'= {
        }
        &'gennaker;help;executions;resume'= {
        }
        &'gennaker;help;validate'= {
        }
        &'gennaker;help;plan'= {
        }
        &'gennaker;help;clusters'= {
        }
        &'gennaker;help;server-group'= {
            cand show 'Show one server group: capacity, instances, image, load balancers'
            cand resize 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up'
            cand enable 'Put a disabled server group back into service'
            cand disable 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
            cand destroy 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
        }
        &'gennaker;help;server-group;show'= {
        }
        &'gennaker;help;server-group;resize'= {
        }
        &'gennaker;help;server-group;enable'= {
        }
        &'gennaker;help;server-group;disable'= {
        }
        &'gennaker;help;server-group;destroy'= {
        }
        &'gennaker;help;config'= {
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
            cand account 'The accounts gennaker deploys to (Halyard-style)'
        }
        &'gennaker;help;config;show'= {
        }
        &'gennaker;help;config;account'= {
            cand add 'Add (or replace) an account; checks it can log in to each region first'
            cand list 'List the accounts, the built-in sandbox ones included'
            cand show 'Show one account''s settings (secrets are never shown, only where they come from)'
            cand remove 'Remove an account from the config file'
        }
        &'gennaker;help;config;account;add'= {
            cand dcos 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)'
            cand cloudfoundry 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)'
        }
        &'gennaker;help;config;account;add;dcos'= {
        }
        &'gennaker;help;config;account;add;cloudfoundry'= {
        }
        &'gennaker;help;config;account;list'= {
        }
        &'gennaker;help;config;account;show'= {
        }
        &'gennaker;help;config;account;remove'= {
        }
        &'gennaker;help;completions'= {
        }
        &'gennaker;help;man'= {
        }
        &'gennaker;help;expr'= {
            cand eval 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
        }
        &'gennaker;help;expr;eval'= {
        }
        &'gennaker;help;sandbox'= {
            cand status 'What the sandbox accounts run: apps per account and region, and the faults set'
            cand reset 'Stop the sandbox and forget everything it ran, faults included'
            cand fault 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
            cand start 'Start the shared sandbox in the background (if it is not running) and print its URLs'
            cand stop 'Stop the shared sandbox, keeping its state for next time'
            cand serve 'Run the simulators standalone until interrupted'
            cand daemon 'The background sandbox process that `gennaker` starts on demand (not for people)'
        }
        &'gennaker;help;sandbox;status'= {
        }
        &'gennaker;help;sandbox;reset'= {
        }
        &'gennaker;help;sandbox;fault'= {
        }
        &'gennaker;help;sandbox;start'= {
        }
        &'gennaker;help;sandbox;stop'= {
        }
        &'gennaker;help;sandbox;serve'= {
        }
        &'gennaker;help;sandbox;daemon'= {
        }
        &'gennaker;help;help'= {
        }
    ]
    $completions[$command]
}
