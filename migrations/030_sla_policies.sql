-- Which calendar policy each SLA clock counts under, as the partnership chose it: the share request clocks by RAG
-- rating and the strategy discussion clock, each a policy identifier ('continuous', 'working-hours',
-- 'working-week'; HubWorkflow's SLACalendarPolicyCatalog says which exist, and an identifier it does not know is
-- refused when read). One row, read in the transaction that starts or retargets a clock, so every `hub serve`
-- sharing the database uses the current choice; `version` grows with each change (ETag / If-Match). The default
-- is continuous time, 24/7, for every clock.
CREATE TABLE sla_policies (
    singleton            boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    red                  text NOT NULL CHECK (length(red) BETWEEN 1 AND 100),
    amber                text NOT NULL CHECK (length(amber) BETWEEN 1 AND 100),
    green                text NOT NULL CHECK (length(green) BETWEEN 1 AND 100),
    strategy_discussion  text NOT NULL CHECK (length(strategy_discussion) BETWEEN 1 AND 100),
    version              integer NOT NULL CHECK (version >= 1),
    changed_at           timestamptz
);

INSERT INTO sla_policies (red, amber, green, strategy_discussion, version)
VALUES ('continuous', 'continuous', 'continuous', 'continuous', 1);
