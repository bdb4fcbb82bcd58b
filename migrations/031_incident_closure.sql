-- Closing an incident (#15 items 6, 12 and 13).
--
-- A share request still unanswered when its incident closes is withdrawn: its state says so, with the instant, and
-- its SLA clock stops with the outcome 'withdrawn' (or 'breached' when it was already past due: a breach that
-- happened is not undone). A strategy discussion clock still running when the incident closes stops the same way.
ALTER TABLE share_requests DROP CONSTRAINT share_requests_state_check;
ALTER TABLE share_requests
    ADD CONSTRAINT share_requests_state_check CHECK (state IN ('requested', 'answered', 'withdrawn')),
    ADD COLUMN withdrawn_at timestamptz,
    ADD CONSTRAINT share_requests_withdrawn_at CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL));

ALTER TABLE sla_clocks DROP CONSTRAINT sla_clocks_outcome_check;
ALTER TABLE sla_clocks ADD CONSTRAINT sla_clocks_outcome_check CHECK (outcome IN ('met', 'breached', 'withdrawn'));

-- What closing recorded: the closure outcome and reason when the incident closed without a strategy discussion's
-- outcome (sharing was enough), the reason (optional) otherwise, and for an adult at risk what became of the risk.
-- Incidents closed before this migration have none of these (they all closed after a strategy outcome).
ALTER TABLE incidents
    ADD COLUMN closure_outcome text
        CHECK (closure_outcome IN ('information_shared_no_further_action', 'single_agency_action', 'duplicate')),
    ADD COLUMN closure_reason text CHECK (length(closure_reason) BETWEEN 1 AND 4000),
    ADD COLUMN adult_risk_at_closure text CHECK (adult_risk_at_closure IN ('reduced', 'removed', 'remains')),
    ADD COLUMN closed_by uuid REFERENCES users (id);

-- The board's closure reports select incidents closed in a period.
CREATE INDEX incidents_closed ON incidents (closed_at) WHERE closed_at IS NOT NULL;
