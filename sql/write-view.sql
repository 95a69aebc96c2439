-- The writable face of one resource table: a TEMP VIEW over its table function whose INSTEAD OF
-- triggers only capture what the statement asked for. The capture table is TEMP and every write
-- statement rolls it back: validation, planning and the journal happen in TypeScript afterwards.
-- {{view}}, {{table}}, {{select}}, {{new}} and {{old}} are filled in by src/write/view.ts.
CREATE TEMP TABLE IF NOT EXISTS ccsql_staged (
  seq  INTEGER PRIMARY KEY,
  view TEXT NOT NULL,
  op   TEXT NOT NULL,
  new  TEXT,
  old  TEXT
);

CREATE TEMP VIEW {{view}} AS SELECT {{select}} FROM {{table}};

CREATE TEMP TRIGGER {{view_insert}} INSTEAD OF INSERT ON {{view}} BEGIN
  INSERT INTO temp.ccsql_staged (view, op, new) VALUES ({{view_text}}, 'INSERT', json_array({{new}}));
END;

CREATE TEMP TRIGGER {{view_update}} INSTEAD OF UPDATE ON {{view}} BEGIN
  INSERT INTO temp.ccsql_staged (view, op, new, old) VALUES ({{view_text}}, 'UPDATE', json_array({{new}}), json_array({{old}}));
END;

CREATE TEMP TRIGGER {{view_delete}} INSTEAD OF DELETE ON {{view}} BEGIN
  INSERT INTO temp.ccsql_staged (view, op, old) VALUES ({{view_text}}, 'DELETE', json_array({{old}}));
END;
