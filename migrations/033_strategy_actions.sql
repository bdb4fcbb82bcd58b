-- Actions agreed at strategy discussions as rows of their own (#15 item 11): each owned by one of the partnership's
-- agencies, due by the end of a calendar day in Europe/London, open until the owner (or the MASH for it) marks it
-- done with a note. Done is final. Whether an open action is overdue is never stored: it is worked out whenever it is
-- read, from `due_date` and the London day of "now" (HubWorkflow's StrategyAction). `done_on_time` records, once it
-- is done, whether that was by the end of its due day. `version` grows with each change (ETag / If-Match).
CREATE TABLE strategy_actions (
    id              uuid PRIMARY KEY,
    incident_id     uuid NOT NULL REFERENCES incidents (id),
    discussion_id   uuid NOT NULL REFERENCES strategy_discussions (id),
    position        integer NOT NULL CHECK (position >= 0),     -- its place in the discussion's list of actions
    owner_agency    text NOT NULL,                               -- an agency code (the foreign key is added below)
    description     text NOT NULL,
    due_date        date NOT NULL,
    state           text NOT NULL CHECK (state IN ('open', 'done')),
    done_at         timestamptz,
    done_by         uuid REFERENCES users (id),
    done_note       text CHECK (length(done_note) BETWEEN 1 AND 2000),
    done_on_time    boolean,
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    UNIQUE (discussion_id, position),
    CHECK ((state = 'done') = (done_at IS NOT NULL)),
    CHECK ((done_at IS NULL) = (done_by IS NULL) AND (done_at IS NULL) = (done_note IS NULL)
           AND (done_at IS NULL) = (done_on_time IS NULL))
);

-- Until now an action lived only in its discussion's document (and in `agreed_actions`, written beside it, never
-- read; its `completed_at` never written). Every stored one becomes an open row, in the order its discussion lists
-- them.
INSERT INTO strategy_actions (id, incident_id, discussion_id, position, owner_agency, description, due_date, state)
SELECT gen_random_uuid(), d.incident_id, d.id, (listed.position - 1)::integer, listed.action->>'ownerAgency',
       listed.action->>'description', (listed.action->>'dueDate')::date, 'open'
FROM strategy_discussions d
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(d.document->'actions') = 'array' THEN d.document->'actions' ELSE '[]'::jsonb END
) WITH ORDINALITY AS listed(action, position);

-- `agreed_actions` goes, once it is certain that it holds nothing the rows above do not: a completed action (no
-- version of Hub wrote one) or an action its discussion does not list stops the migration, and nothing changes.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM agreed_actions WHERE completed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'agreed_actions holds completed actions, which strategy_actions cannot take without who did them and a note';
    END IF;
    IF EXISTS (
        SELECT discussion_id, owner_agency, description, due_date, count(*) FROM agreed_actions GROUP BY 1, 2, 3, 4
        EXCEPT
        SELECT discussion_id, owner_agency, description, due_date, count(*) FROM strategy_actions GROUP BY 1, 2, 3, 4
    ) THEN
        RAISE EXCEPTION 'agreed_actions holds actions that their discussions do not list';
    END IF;
END
$$;

DROP TABLE agreed_actions;

-- The owner is one of the partnership's agencies (new actions are checked by RecordStrategyDiscussion too); rows
-- carried over above are left as they are (NOT VALID), as migration 024 does for referrers.
ALTER TABLE strategy_actions ADD CONSTRAINT strategy_actions_owner_agency_fkey
    FOREIGN KEY (owner_agency) REFERENCES agencies (code) NOT VALID;

-- The lists: an agency's open actions (and every agency's, for the MASH) soonest due first; done ones latest first.
CREATE INDEX strategy_actions_incident ON strategy_actions (incident_id, discussion_id, position);
CREATE INDEX strategy_actions_open_by_owner ON strategy_actions (owner_agency, due_date, id) WHERE state = 'open';
CREATE INDEX strategy_actions_open ON strategy_actions (due_date, id) WHERE state = 'open';
CREATE INDEX strategy_actions_done_by_owner ON strategy_actions (owner_agency, done_at, id) WHERE state = 'done';
CREATE INDEX strategy_actions_done ON strategy_actions (done_at, id) WHERE state = 'done';
