CREATE TABLE greeting (id integer PRIMARY KEY, text varchar(100) NOT NULL);
